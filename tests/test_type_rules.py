"""Coding rules applied after the typer (tollbook/incidents/build.py), model-free."""
from tollbook.incidents.build import _attack_on_state_forces
from tollbook.nlp.actors import Actor, ActorMention
from tollbook.records import Claim
from tollbook.typer.decide import TypeDecision

ATTACK = TypeDecision("Violence against civilians", "Attack", "typer", "rules", 0.8)


def killed(group, n=3):
    return Claim(figure="killed", group=group, victims_text="", min=n, max=n, qualifier="exact",
                 claimant="army", claimant_type="military", start=0, end=1)


def victim(name, kind="state"):
    return ActorMention(start=0, end=1, text=name, actor=Actor(name=name, kind=kind, country="Kenya"))


def test_an_attack_on_state_forces_that_harms_only_soldiers_is_a_clash():
    typed = _attack_on_state_forces(ATTACK, (killed("security_forces"), killed("unknown", 5)),
                                    victim("Military Forces of Kenya"))
    assert (typed.event_type, typed.sub_event_type) == ("Battles", "Armed clash")


def test_an_attack_that_harms_civilians_or_names_no_state_force_stays_an_attack():
    soldiers_and_civilians = (killed("security_forces"), killed("civilians"))
    assert _attack_on_state_forces(ATTACK, soldiers_and_civilians, victim("Military Forces of Kenya")) == ATTACK
    assert _attack_on_state_forces(ATTACK, (killed("security_forces"),), victim("Civilians (Kenya)", "civilians")) \
        == ATTACK
    assert _attack_on_state_forces(ATTACK, (killed("security_forces"),), None) == ATTACK
