package ma.moncompte.accounts.internal;

import java.util.List;
import java.util.UUID;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.accounts.Role;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class MeController {

	private final AccountRepository accounts;

	MeController(AccountRepository accounts) {
		this.accounts = accounts;
	}

	record Me(UUID id, String email, String firstName, String lastName, String preferredLanguage, List<String> roles,
			String consulate) {
	}

	@GetMapping("/api/v1/me")
	Mono<Me> me(@AuthenticationPrincipal CurrentUser user) {
		return this.accounts.findById(user.accountId())
			.map(a -> new Me(a.id(), a.email(), a.firstName(), a.lastName(), a.preferredLanguage(),
					a.roles().stream().map(Role::name).sorted().toList(), a.consulateCode()));
	}

}
