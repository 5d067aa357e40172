"""The language-model layer: the structured-call protocol, the OpenAI-compatible client, prompts,
the call log and cache, prices and budgets. Only engine.llm.openai_client imports `openai`.
"""
