package ma.moncompte;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/** No cycles between modules, and no module uses another's internal package. */
class ModularityTests {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(MonCompteApplication.class).verify();
	}

}
