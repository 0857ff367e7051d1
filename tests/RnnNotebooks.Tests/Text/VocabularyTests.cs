using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Text;

public class VocabularyTests
{
    [Fact]
    public void Ids_follow_character_order_and_round_trip()
    {
        var vocab = new Vocabulary("hello");
        Assert.Equal(['e', 'h', 'l', 'o'], vocab.Characters);
        Assert.Equal([1, 0, 2, 2, 3], vocab.Encode("hello"));
        Assert.Equal("hello", vocab.Decode(vocab.Encode("hello")));
        Assert.Equal(1.0, vocab.OneHot('h')[1]);
        Assert.Equal(1.0, vocab.OneHot('h').Sum());
    }

    [Fact]
    public void Unknown_character_names_the_character_and_position()
    {
        var vocab = new Vocabulary("abc");
        var error = Assert.Throws<ArgumentException>(() => vocab.Encode("abz"));
        Assert.Contains("'z'", error.Message);
        Assert.Contains("position 2", error.Message);
    }

    [Fact]
    public void Empty_text_is_refused_with_a_clear_message()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new Vocabulary("")).Message);
    }
}
