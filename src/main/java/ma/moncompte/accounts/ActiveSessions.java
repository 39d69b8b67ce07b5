package ma.moncompte.accounts;

import java.util.UUID;

import reactor.core.publisher.Mono;

/** Whether a session still stands, for long-lived connections that must end when it is revoked or expires. */
public interface ActiveSessions {

	Mono<Boolean> isActive(UUID sessionId);

}
