package ma.moncompte.accounts.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.support.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

	private final AccountRepository accounts;

	private final Passwords passwords;

	private final Sessions sessions;

	private final AccountsProperties properties;

	SessionController(AccountRepository accounts, Passwords passwords, Sessions sessions,
			AccountsProperties properties) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.sessions = sessions;
		this.properties = properties;
	}

	record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password) {
	}

	record SessionResponse(String token, Instant expiresAt) {
	}

	@PostMapping
	Mono<ResponseEntity<SessionResponse>> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
		String email = Registrations.normalizeEmail(request.email());
		return this.accounts.findByEmail(email)
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap(account -> this.passwords.matches(request.password(), account.map(Account::passwordHash).orElse(null))
				.flatMap(matches -> {
					if (!matches) {
						return Mono.error(invalidCredentials());
					}
					if (!account.get().verified()) {
						return Mono.error(new ApiProblem(HttpStatus.FORBIDDEN, "email-not-verified",
								"Email not confirmed", "Confirm your email address with the link we sent before signing in."));
					}
					return this.sessions.open(account.get().id(), exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT),
							clientAddress(exchange));
				}))
			.map(session -> ResponseEntity.status(HttpStatus.CREATED)
				.header(HttpHeaders.SET_COOKIE, sessionCookie(exchange, session.token(),
						Duration.between(Instant.now(), session.expiresAt())).toString())
				.body(new SessionResponse(session.token(), session.expiresAt())));
	}

	@DeleteMapping("/current")
	Mono<ResponseEntity<Void>> logout(@AuthenticationPrincipal CurrentUser user, ServerWebExchange exchange) {
		return this.sessions.revoke(user.sessionId())
			.thenReturn(ResponseEntity.noContent()
				.header(HttpHeaders.SET_COOKIE, sessionCookie(exchange, "", Duration.ZERO).toString())
				.build());
	}

	private static ApiProblem invalidCredentials() {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
				"The email address or the password is wrong.");
	}

	private ResponseCookie sessionCookie(ServerWebExchange exchange, String value, Duration maxAge) {
		return ResponseCookie.from(this.properties.sessionCookie(), value)
			.httpOnly(true)
			.sameSite("Lax")
			// Not derived from the Host header: behind a proxy that would be the proxy's view.
			.secure(this.properties.secureCookies())
			.path("/")
			.maxAge(maxAge)
			.build();
	}

	private static String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
	}

}
