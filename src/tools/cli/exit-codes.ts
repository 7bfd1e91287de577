/** The `hjsim` exit codes: 0 every expectation holds, 1 a scenario failed, 2 invalid input. */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;
