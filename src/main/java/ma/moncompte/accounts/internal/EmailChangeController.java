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
class EmailChangeController {

	private final EmailChanges changes;

	EmailChangeController(EmailChanges changes) {
		this.changes = changes;
	}

	record EmailChangeRequest(@NotBlank @Email @Size(max = 254) String newEmail,
			@NotNull @Size(max = 1024) String currentPassword) {
	}

	record EmailChangeConfirmation(@NotBlank @Size(max = 200) String token) {
	}

	@PostMapping("/api/v1/me/email")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Map<String, String>> request(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody EmailChangeRequest request, ServerWebExchange exchange) {
		return this.changes.request(user, request.newEmail(), request.currentPassword(), ClientInfo.of(exchange))
			.thenReturn(Map.of("status", "pending", "message",
					"Confirm the new address with the link sent to it; until then your current address stays in use."));
	}

	/** The link from the mail; works without a session, since the token itself proves the mailbox. */
	@PostMapping("/api/v1/accounts/email/confirm")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> confirm(@Valid @RequestBody EmailChangeConfirmation request, ServerWebExchange exchange) {
		return this.changes.confirm(request.token(), ClientInfo.of(exchange));
	}

}
