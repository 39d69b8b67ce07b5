package ma.moncompte.testing;

import java.time.LocalDateTime;
import java.util.concurrent.ThreadLocalRandom;

public final class LocalStarts {

	private LocalStarts() {
	}

	/**
	 * A local start time for an agent-created slot: months ahead, after opening hours, at a random
	 * minute, so it collides neither with generated slots nor (in practice) with other tests' slots.
	 */
	public static String future() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return LocalDateTime.now()
			.plusDays(20 + random.nextInt(600))
			.withHour(15 + random.nextInt(5))
			.withMinute(random.nextInt(60))
			.withSecond(0)
			.withNano(0)
			.toString();
	}

}
