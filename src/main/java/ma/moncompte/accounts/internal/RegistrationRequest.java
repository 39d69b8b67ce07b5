package ma.moncompte.accounts.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record RegistrationRequest(@NotBlank @Email @Size(max = 254) String email,
		@NotNull @Size(max = 1024) String password,
		@NotBlank @Size(max = 100) String firstName,
		@NotBlank @Size(max = 100) String lastName,
		@NotNull @Pattern(regexp = Languages.PATTERN, message = Languages.MESSAGE) String preferredLanguage) {
}
