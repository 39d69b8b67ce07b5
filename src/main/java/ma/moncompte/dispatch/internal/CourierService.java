package ma.moncompte.dispatch.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import ma.moncompte.dispatch.CourierCredentials;
import ma.moncompte.dispatch.CourierPartners;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Courier partners and their signing secrets: issued, encrypted, rotated, and opened for verification. */
@Component
class CourierService implements CourierPartners {

	private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,31}");

	private final CourierRepository couriers;

	private final SecretCipher cipher;

	private final DispatchProperties properties;

	private final TransactionalOperator transactions;

	CourierService(CourierRepository couriers, SecretCipher cipher, DispatchProperties properties,
			TransactionalOperator transactions) {
		this.couriers = couriers;
		this.cipher = cipher;
		this.properties = properties;
		this.transactions = transactions;
	}

	/** The canonical form of a courier code, or {@code null} when it cannot be one. */
	static String normalizeCode(String code) {
		if (code == null) {
			return null;
		}
		String upper = code.trim().toUpperCase(Locale.ROOT);
		return CODE.matcher(upper).matches() ? upper : null;
	}

	@Override
	public Mono<CourierCredentials> register(String code, String name) {
		String normalized = normalizeCode(code);
		if (normalized == null) {
			return Mono.error(new IllegalArgumentException("Not a courier code: " + code));
		}
		return this.couriers.insertIfAbsent(normalized, name.trim())
			.flatMap(courier -> issue(courier.code())
				.map(secret -> new CourierCredentials(courier.code(), courier.name(), secret, null)))
			.as(this.transactions::transactional);
	}

	@Override
	public Mono<CourierCredentials> rotateSecret(String code) {
		String normalized = normalizeCode(code);
		if (normalized == null) {
			return Mono.empty();
		}
		return this.couriers.lock(normalized)
			.flatMap(courier -> this.couriers.retireCurrent(courier.code(), this.properties.secretOverlap())
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap(previousUntil -> issue(courier.code())
					.map(secret -> new CourierCredentials(courier.code(), courier.name(), secret,
							previousUntil.orElse(null)))))
			.as(this.transactions::transactional);
	}

	/** The HMAC keys that may sign this courier's webhooks now; empty for an unknown courier. */
	Mono<List<byte[]>> activeKeys(String code) {
		return this.couriers.activeSecrets(code)
			.map(stored -> this.cipher.decrypt(new SecretCipher.Sealed(stored.nonce(), stored.ciphertext()),
					associatedData(stored.courierCode(), stored.id())))
			.collectList();
	}

	private Mono<String> issue(String courierCode) {
		UUID id = UUID.randomUUID();
		byte[] key = SigningSecrets.newKey();
		SecretCipher.Sealed sealed = this.cipher.encrypt(key, associatedData(courierCode, id));
		return this.couriers.insertSecret(new CourierRepository.StoredSecret(id, courierCode, sealed.nonce(),
				sealed.ciphertext()))
			.thenReturn(SigningSecrets.format(key));
	}

	/** Binds a ciphertext to its courier and row. */
	static String associatedData(String courierCode, UUID secretId) {
		return "courier-secret:" + courierCode + ":" + secretId;
	}

}
