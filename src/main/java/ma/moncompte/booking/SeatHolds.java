package ma.moncompte.booking;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Seats that the consulate sets aside in its slots for one citizen, who then confirms them (an
 * appointment is booked in the held seat) or lets the hold expire (the seat returns to the slot). A held
 * seat counts against the slot's capacity like a booking, so nobody else can take it meanwhile.
 * <p>
 * Every method runs in the caller's transaction and refuses with an {@code ApiProblem}.
 */
public interface SeatHolds {

	/**
	 * Holds one seat of the slot for the citizen, until {@code until} or the slot's start, whichever
	 * comes first. The slot must belong to {@code consulate} and serve {@code service}, be open, in the
	 * future and not full.
	 */
	Mono<SeatHold> hold(UUID accountId, UUID slotId, String consulate, String service, Instant until);

	/** Books the held seat for its citizen; refused once the hold expired or was released. */
	Mono<ConfirmedSeat> confirm(UUID holdId, UUID accountId);

	/** Gives a seat that is still held back to its slot; emits false when there was nothing to release. */
	Mono<Boolean> release(UUID holdId);

}
