package ma.moncompte.accounts;

public enum Role {

	CITIZEN, AGENT, ADMIN

}
