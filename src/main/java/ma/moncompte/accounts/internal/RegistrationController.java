package ma.moncompte.accounts.internal;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/accounts")
class RegistrationController {

	private final Registrations registrations;

	RegistrationController(Registrations registrations) {
		this.registrations = registrations;
	}

	record VerificationRequest(@NotBlank @Size(max = 200) String token) {
	}

	record ResendRequest(@NotBlank @Email @Size(max = 254) String email) {
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Map<String, String>> register(@Valid @RequestBody RegistrationRequest request, ServerWebExchange exchange) {
		return this.registrations.register(request, ClientInfo.of(exchange))
			.thenReturn(Map.of("status", "pending",
					"message", "If this address can be used, a confirmation link has been sent to it."));
	}

	@PostMapping("/verify")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> verify(@Valid @RequestBody VerificationRequest request) {
		return this.registrations.verify(request.token());
	}

	/** Sends a new confirmation link if the address has an unconfirmed account; 202 whatever the case. */
	@PostMapping("/verify/resend")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Map<String, String>> resend(@Valid @RequestBody ResendRequest request, ServerWebExchange exchange) {
		return this.registrations.resendConfirmation(request.email(), ClientInfo.of(exchange))
			.thenReturn(Map.of("status", "pending",
					"message", "If this address has an unconfirmed account, a new confirmation link has been sent to it."));
	}

}
