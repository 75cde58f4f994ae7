// The contract of a trial-proposing strategy: given what has been measured so far, the next point to
// try, or null when it has nothing new to propose. Strategies are deterministic for a given seed and history.
namespace EdgeSdk.Search;

/// <summary>A measured trial as strategies see it.</summary>
/// <param name="Assignment">The point tried.</param>
/// <param name="Loss">Its rank value (smaller is better); see <see cref="TrialSelector.Rank"/>.</param>
internal sealed record TrialObservation(TrialAssignment Assignment, double Loss);

/// <summary>Proposes trials.</summary>
internal interface ISearchStrategy
{
    /// <summary>Gets the strategy's name for reports (<c>exhaustive</c>, <c>tpe</c>).</summary>
    string Name { get; }

    /// <summary>Returns the next point to try (never one in <paramref name="history"/>), or null when done.</summary>
    TrialAssignment? Next(IReadOnlyList<TrialObservation> history);
}
