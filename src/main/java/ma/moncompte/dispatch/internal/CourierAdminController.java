package ma.moncompte.dispatch.internal;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ma.moncompte.dispatch.CourierCredentials;
import ma.moncompte.support.ApiProblem;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Admins register courier partners and rotate their signing secrets. Secrets appear in these answers only. */
@RestController
@RequestMapping("/api/v1/admin/couriers")
class CourierAdminController {

	private final CourierService couriers;

	private final CourierRepository repository;

	CourierAdminController(CourierService couriers, CourierRepository repository) {
		this.couriers = couriers;
		this.repository = repository;
	}

	record NewCourier(
			@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{1,31}", message = "must be 2 to 32 letters, digits or dashes") String code,
			@NotBlank @Size(max = 100) String name) {
	}

	record RegisteredCourier(String code, String name, String secret) {
	}

	record RotatedSecret(String code, String secret, Instant previousSecretValidUntil) {
	}

	@PostMapping
	Mono<ResponseEntity<RegisteredCourier>> register(@Valid @RequestBody NewCourier request) {
		return this.couriers.register(request.code(), request.name())
			.switchIfEmpty(Mono.error(() -> ApiProblem.conflict("courier-exists", "Courier exists",
					"A courier with code " + CourierService.normalizeCode(request.code()) + " is already registered.")))
			.map(issued -> secretResponse(HttpStatus.CREATED)
				.body(new RegisteredCourier(issued.code(), issued.name(), issued.secret())));
	}

	@PostMapping("/{code}/secrets")
	Mono<ResponseEntity<RotatedSecret>> rotate(@PathVariable String code) {
		return this.couriers.rotateSecret(code)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("courier-not-found", "There is no courier " + code + ".")))
			.map((CourierCredentials issued) -> secretResponse(HttpStatus.CREATED)
				.body(new RotatedSecret(issued.code(), issued.secret(), issued.previousSecretValidUntil())));
	}

	/** Couriers without their secrets: only how many currently verify. */
	@GetMapping
	Flux<CourierRepository.CourierSummary> list() {
		return this.repository.all();
	}

	private static ResponseEntity.BodyBuilder secretResponse(HttpStatus status) {
		return ResponseEntity.status(status).cacheControl(CacheControl.noStore());
	}

}
