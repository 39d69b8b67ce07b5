package ma.moncompte.accounts.internal;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ma.moncompte.accounts.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class PasswordController {

	private final Credentials credentials;

	PasswordController(Credentials credentials) {
		this.credentials = credentials;
	}

	record PasswordChange(@NotNull @Size(max = 1024) String currentPassword, @NotNull @Size(max = 1024) String newPassword) {
	}

	record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {
	}

	record ResetConfirmation(@NotBlank @Size(max = 200) String token, @NotNull @Size(max = 1024) String newPassword) {
	}

	/** 200 with the number of other sessions that were signed out. */
	@PostMapping("/api/v1/me/password")
	Mono<Map<String, Long>> change(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PasswordChange request,
			ServerWebExchange exchange) {
		return this.credentials.change(user, request.currentPassword(), request.newPassword(), ClientInfo.of(exchange))
			.map(revoked -> Map.of("otherSessionsRevoked", revoked));
	}

	@PostMapping("/api/v1/accounts/password-reset")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Map<String, String>> requestReset(@Valid @RequestBody ResetRequest request, ServerWebExchange exchange) {
		return this.credentials.requestReset(request.email(), ClientInfo.of(exchange))
			.thenReturn(Map.of("status", "pending",
					"message", "If this address has an account, a password reset link has been sent to it."));
	}

	@PostMapping("/api/v1/accounts/password-reset/confirm")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> reset(@Valid @RequestBody ResetConfirmation request, ServerWebExchange exchange) {
		return this.credentials.reset(request.token(), request.newPassword(), ClientInfo.of(exchange));
	}

}
