"""Which file names a folder's listing takes."""

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.article_files import is_article_name, is_listable_name, needs_sniff

# Names made of what the rules look at: dots, article extensions in any case, project files.
name = st.one_of(
    st.text(alphabet=".aTxXtmMdDkrRnEeIsSvV0", max_size=12),
    st.sampled_from(["README", "readme.txt", ".txt", ".hidden", "1042", "a.TEXT", "x.Markdown"]),
    st.text(max_size=8),
)


@given(name)
def test_a_listable_name_has_an_article_extension_or_none(name):
    assert is_listable_name(name) == (is_article_name(name) or needs_sniff(name))
