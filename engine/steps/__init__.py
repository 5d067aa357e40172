"""Pipeline steps: one module per step (or family of steps), each `async (ctx) -> StepResult`."""
