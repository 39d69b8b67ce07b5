package ma.moncompte.accounts.internal;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ma.moncompte.accounts.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/me/2fa")
class TwoFactorController {

	private final TwoFactor twoFactor;

	TwoFactorController(TwoFactor twoFactor) {
		this.twoFactor = twoFactor;
	}

	record EnrolmentRequest(@NotNull @Size(max = 1024) String currentPassword) {
	}

	record CodeRequest(@NotBlank @Size(max = 64) String code) {
	}

	record RecoveryCodes(List<String> recoveryCodes) {
	}

	@GetMapping
	Mono<TwoFactor.Status> status(@AuthenticationPrincipal CurrentUser user) {
		return this.twoFactor.status(user.accountId());
	}

	/** The secret as an otpauth:// URI and a QR code (PNG data URI) for the authenticator app. */
	@PostMapping("/enrolment")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<TwoFactor.Enrolment> enrol(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody EnrolmentRequest request) {
		return this.twoFactor.enrol(user, request.currentPassword());
	}

	/** Turns 2FA on with a first code; the answer holds the recovery codes, shown this once. */
	@PostMapping("/confirm")
	Mono<RecoveryCodes> confirm(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CodeRequest request,
			ServerWebExchange exchange) {
		return this.twoFactor.confirm(user, request.code(), ClientInfo.of(exchange)).map(RecoveryCodes::new);
	}

	@PostMapping("/disable")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> disable(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CodeRequest request,
			ServerWebExchange exchange) {
		return this.twoFactor.disable(user, request.code(), ClientInfo.of(exchange));
	}

	@PostMapping("/recovery-codes")
	Mono<RecoveryCodes> renew(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CodeRequest request,
			ServerWebExchange exchange) {
		return this.twoFactor.renewRecoveryCodes(user, request.code(), ClientInfo.of(exchange)).map(RecoveryCodes::new);
	}

}
