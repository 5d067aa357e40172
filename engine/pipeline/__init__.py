"""The pipeline: step graphs per template (`graph`), the asyncio DAG runner (`runner`), what a
step sees (`context`), launching runs (`launch`), section fingerprints and rebuilds (`rebuild`).

Import from the submodules: steps import `engine.pipeline.context`, so this package imports
nothing itself.
"""
