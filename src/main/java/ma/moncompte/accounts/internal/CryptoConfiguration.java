package ma.moncompte.accounts.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

	/** Fails start-up on a missing or malformed key rather than on the first profile write. */
	@Bean
	IdentityCipher identityCipher(EncryptionProperties properties) {
		return IdentityCipher.from(properties);
	}

}
