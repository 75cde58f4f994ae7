// Did-you-mean suggestions: typos, transpositions, abbreviations and ties; nothing for unrelated words.
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class DidYouMeanTests
{
    [Theory]
    [InlineData("latncy", "latency")]
    [InlineData("wramup", "warmup")]
    [InlineData("fold_bn", "fold_batch_norm")]
    [InlineData("RSquare", "RSquared")]
    [InlineData("Latency", "latency")]
    public void SuggestsTheClosestCandidate(string word, string expected) =>
        DidYouMean.Suggest(word, ["latency", "warmup", "fold_batch_norm", "RSquared", "runs"]).Should().Be(expected);

    [Fact]
    public void UnrelatedWordsGetNoSuggestion() =>
        DidYouMean.Hint("quantum_flux", ["latency", "warmup", "runs"]).Should().BeEmpty();

    [Fact]
    public void EquallyCloseCandidatesAreBothNamed() =>
        DidYouMean.Hint("rpi6", ["x86-avx2", "rpi5", "rpi4"]).Should().Be(" Did you mean 'rpi4' or 'rpi5'?");

    [Fact]
    public void NoCandidatesGiveNoSuggestionInsteadOfThrowing()
    {
        DidYouMean.Suggest("cnn-int8-cpu", []).Should().BeNull();
        DidYouMean.Hint("cnn-int8-cpu", []).Should().BeEmpty();
    }

    [Fact]
    public void DistanceCountsATranspositionAsOneEdit() =>
        DidYouMean.Distance("wramup", "warmup").Should().Be(1);
}
