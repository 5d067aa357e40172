"""Given names common outside the English nickname table, for telling real names from typos.

Two given names one letter apart may be a typo ("Jonh" for "John") or two different people
("Maria" and "Mario", "Karen" and "Karin"). A name in this list, or in the nickname table, is a
real name: a near neighbour of it is not assumed to be its misspelling. Lower-case ASCII, the
shape `engine.merge.text.fold` produces.
"""

from __future__ import annotations

from engine.merge.nicknames import is_known_given_name

_COMMON_GIVEN_NAMES: frozenset[str] = frozenset(
    """
    adrian adriana adriano alain alejandra alejandro alessandra alessandro alexis alina alvaro
    ana andrea andreas andre andrei andres angel angela angelo angelica anja anna anne annette
    antonia antonio ariana arianna bernard bernardo bianca bruno camila camilo carla carlo carlos
    carmen carol carola carole caroline christian christiane christina christine claudia claudio
    cristian cristina daniel daniela daniele dario denis denise diana diego dino dominic dominik
    dominique elena eleni elia elias elisa elise emil emilia emilio emily enrico enrique erik erika
    eva fabian fabio federica federico felipe felix fernanda fernando filip filipa francesca
    francesco francis francisco franco frank franz gabriel gabriela gabriele gianluca giorgia
    giorgio giovanna giovanni giulia giulio gustavo hans hanna hannah helen helena helene ignacio
    ilaria irene iris isabel isabela ivan ivana jan jana janet janice jean jeanne joan joana joanna
    johan johanna jorge jose josef josefa juan juana julia julian juliana julie julien julio karen
    karin karina karl karla katarina katharina kelvin kevin klaus lara laura lauren laurent leon
    leona leonardo lisa lorena lorenzo louis louise luca lucas lucia luciana luciano luis luisa
    luka maja manuel manuela marc marcel marcela marcelo marco marcos margarita maria mariana
    mariano marie marina mario mariusz marko marta martin martina mateo matteo mauricio maurizio
    max maxime michel michela michele michelle milan milena mirko monika nadia natalia natalie
    nicola nicolas nicole nikola nina noemi oliver olivia oscar pablo paola paolo patricia
    patricio paula paulo pavel pedro petra pietro rafael rafaela raphael raquel renata renato
    ricardo riccardo roberta roberto rodrigo roman romana rosa rosario sabina sabine sandra sandro
    sara sarah sergio silvia silvio simon simona simone sofia sonia stefan stefania stefano
    stephan stephane susana svetlana teresa tobias tomas valentin valentina valeria valerio vera
    veronica victor victoria viktor vincent vincenzo yann yanna yvonne
    """.split()
)


def is_real_given_name(given: str) -> bool:
    """True for a given name known as a name in its own right (table or common list)."""
    return given in _COMMON_GIVEN_NAMES or is_known_given_name(given)
