using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Text;

public class KnownWordsTests
{
    [Fact]
    public void Words_are_runs_of_letters_lowercased_of_two_or_more_letters()
    {
        Assert.Equal(["call", "me", "ishmael", "whale", "tail"],
            KnownWords.WordsOf("Call me Ishmael. A whale’s tail—I"));
        Assert.Empty(KnownWords.WordsOf("a I 42 , —"));
    }

    [Fact]
    public void Share_counts_each_distinct_word_once()
    {
        var known = KnownWords.Of("The whale, the sea; and the ship.");
        var result = known.In("the the THE whale blubbo sea zq x");
        Assert.Equal(["the", "whale", "sea"], result.Known);
        Assert.Equal(["blubbo", "zq"], result.Unknown);
        Assert.Equal(5, result.Distinct);
        Assert.Equal(0.6, result.Share, 12);
        Assert.True(known.Contains("Ship"));
        Assert.Equal(5, known.Count);
    }

    [Fact]
    public void A_sample_without_words_is_refused_with_the_fix()
    {
        var known = KnownWords.Of("the whale");
        Assert.Contains("no words", Assert.Throws<ArgumentException>(() => known.In("a , I .")).Message);
        Assert.Contains("no words", Assert.Throws<ArgumentException>(() => KnownWords.Of("a I")).Message);
    }
}
