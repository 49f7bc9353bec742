"""The invitation on a topic page to fill in a network by hand (it opens in the practice panel below)."""
from __future__ import annotations

import streamlit as st

from ui.i18n import t


def network_invitation(topic_id: str, template_id: str) -> None:
    """A box inviting the learner to fill in the network exercise `template_id` on its graph; the button shows it,
    at a new seed, in the topic's practice panel (through the URL, like a shared link)."""
    with st.container(border=True):
        st.markdown(f"#### 🕸️ {t('network.invite_title')}")
        st.markdown(t(f"network.invite.{topic_id}"))
        st.button(t("network.invite_button"), key=f"network-open-{topic_id}", icon="✍️", on_click=_open,
                  args=(template_id,))


def _open(template_id: str) -> None:
    from ui.practice import new_seed

    st.query_params.update({"ex": template_id, "seed": str(new_seed())})
