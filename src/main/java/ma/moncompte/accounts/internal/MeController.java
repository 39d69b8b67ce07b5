package ma.moncompte.accounts.internal;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.support.ApiProblem;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class MeController {

	private static final int MAX_ACTIVITY_PAGE = 200;

	private final Profiles profiles;

	private final ActivityLog activity;

	private final DataRights dataRights;

	private final AccountsProperties properties;

	MeController(Profiles profiles, ActivityLog activity, DataRights dataRights, AccountsProperties properties) {
		this.profiles = profiles;
		this.activity = activity;
		this.dataRights = dataRights;
		this.properties = properties;
	}

	record ClosureRequest(@NotNull @Size(max = 1024) String currentPassword, @Size(max = 64) String code) {
	}

	/** The profile; identity numbers are masked to their last three characters. */
	@GetMapping("/api/v1/me")
	Mono<Profiles.ProfileView> me(@AuthenticationPrincipal CurrentUser user) {
		return this.profiles.view(user.accountId());
	}

	/** A JSON merge patch of the profile (RFC 7396): absent members stay, {@code null} clears. */
	@PatchMapping(path = "/api/v1/me", consumes = { "application/json", "application/merge-patch+json" })
	Mono<Profiles.ProfileView> update(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode patch,
			ServerWebExchange exchange) {
		return this.profiles.update(user.accountId(), patch, ClientInfo.of(exchange));
	}

	@GetMapping("/api/v1/me/activity")
	Mono<List<ActivityLog.Entry>> activity(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_ACTIVITY_PAGE) {
			throw ApiProblem.badRequest("invalid-limit", "Invalid limit", "limit must be 1 to " + MAX_ACTIVITY_PAGE + ".");
		}
		return this.activity.recent(user.accountId(), before, limit).collectList();
	}

	/** Everything the portal holds about the caller, identity numbers in full (right of access). */
	@GetMapping("/api/v1/me/export")
	Mono<ResponseEntity<DataRights.Export>> export(@AuthenticationPrincipal CurrentUser user,
			ServerWebExchange exchange) {
		return this.dataRights.export(user, ClientInfo.of(exchange))
			.map(export -> ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mon-compte-export.json\"")
				.body(export));
	}

	/** Closes the account and erases its personal data; needs the password (and a code with 2FA on). */
	@PostMapping("/api/v1/me/closure")
	Mono<ResponseEntity<Void>> close(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody ClosureRequest request) {
		return this.dataRights.close(user, request.currentPassword(), request.code())
			.thenReturn(ResponseEntity.noContent()
				.header(HttpHeaders.SET_COOKIE, ResponseCookie.from(this.properties.sessionCookie(), "")
					.httpOnly(true).sameSite("Lax").path("/").maxAge(Duration.ZERO).build().toString())
				.build());
	}

}
