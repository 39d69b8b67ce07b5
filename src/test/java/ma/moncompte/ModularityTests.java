package ma.moncompte;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/** Feature modules depend on each other only through their public API, and never in a cycle. */
class ModularityTests {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(MonCompteApplication.class).verify();
	}

}
