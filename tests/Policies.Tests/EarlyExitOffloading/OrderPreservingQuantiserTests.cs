using MecActors.Core.Randomness;
using MecActors.Policies.EarlyExitOffloading;
using Xunit;

namespace MecActors.Policies.Tests.EarlyExitOffloading;

public sealed class OrderPreservingQuantiserTests
{
    [Fact]
    public void With_two_options_it_gives_the_candidates_of_droo_binary_rule()
    {
        var random = new RandomStream(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var tasks = 1 + random.Next(9);
            var relaxed = Enumerable.Range(0, tasks).Select(_ => random.NextDouble()).ToArray();
            var scores = relaxed.SelectMany(x => new[] { 1.0 - x, x }).ToArray();

            var candidates = OrderPreservingQuantiser.Candidates(scores, tasks, 2, tasks);

            Assert.Equal(DrooBinary(relaxed), candidates.Select(c => string.Concat(c)).ToList());
        }
    }

    [Fact]
    public void The_first_candidate_takes_every_task_best_option_and_later_ones_move_the_closest_calls()
    {
        // Task 0 prefers option 2 clearly; task 1 prefers option 0 but option 1 nearly as much.
        double[] scores = [0.1, 0.2, 0.9, 0.6, 0.58, 0.1];

        var candidates = OrderPreservingQuantiser.Candidates(scores, 2, 3, 3);

        Assert.Equal([2, 0], candidates[0]);
        Assert.Equal([2, 1], candidates[1]);
        Assert.Equal([2, 2], candidates[2]);
        Assert.Equal(3, candidates.Count);
    }

    /// <summary>
    /// DROO's order-preserving quantisation of a relaxed binary action, written from its definition: x_1 rounds at 0.5;
    /// x_k thresholds at the (k-1)-th entry closest to 0.5, taking 1 above it, and at it when it is at most 0.5.
    /// </summary>
    private static List<string> DrooBinary(double[] relaxed)
    {
        var result = new List<string> { string.Concat(relaxed.Select(x => x > 0.5 ? 1 : 0)) };
        var byCloseness = relaxed.OrderBy(x => Math.Abs(x - 0.5)).ToArray();
        for (var k = 1; k < relaxed.Length; k++)
        {
            var threshold = byCloseness[k - 1];
            var candidate = string.Concat(relaxed.Select(x => x > threshold || (x == threshold && threshold <= 0.5) ? 1 : 0));
            if (!result.Contains(candidate))
            {
                result.Add(candidate);
            }
        }

        return result;
    }
}
