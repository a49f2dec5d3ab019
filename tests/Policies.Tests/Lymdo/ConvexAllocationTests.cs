using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MecActors.Core.Randomness;
using MecActors.Policies.Lymdo;
using Xunit;

namespace MecActors.Policies.Tests.Lymdo;

/// <summary>The convex step's closed forms and KKT solution against MathNet's numeric minimisers on random slots.</summary>
public class ConvexAllocationTests
{
    private static readonly SlotProblem Problem = new(V: 1.0, Kappa: 1e-28, TxPowerW: 0.2, MinHz: 0.2e9, MaxHz: 2e9, BandHz: 0.8e6, EdgeHz: 3.6e9);

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 24)];

    private static UeLoad[] RandomSlot(int seed, int ues = 4)
    {
        var random = new RandomStream((ulong)seed);
        var loads = new UeLoad[ues];
        for (var u = 0; u < ues; u++)
        {
            // Each UE at a random cut: some only local, some only at the ES, some split.
            var kind = random.Next(3);
            loads[u] = new UeLoad(
                Frames: 1 + random.Next(3),
                DeviceCycles: kind == 1 ? 0.0 : random.Uniform(1e6, 1e8),
                UplinkBits: kind == 2 ? 0.0 : random.Uniform(8e3, 1e5),
                EdgeCycles: kind == 2 ? 0.0 : random.Uniform(1e6, 1e7),
                BandSnr: random.Uniform(0.5, 50),
                DeviceBacklogS: random.Uniform(0, 0.1),
                TransmitterBacklogS: random.Uniform(0, 0.1),
                Queue: random.Next(4) == 0 ? 0.0 : random.Uniform(0.01, 20));
        }

        return loads;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_frequency_is_the_minimum_a_golden_section_search_finds(int seed)
    {
        foreach (var ue in RandomSlot(seed).Where(ue => ue.DeviceCycles > 0))
        {
            var cost = (double hz) => (Problem.V * ue.Serial * ue.DeviceCycles / hz) + (ue.Queue * ue.Frames * Problem.Kappa * hz * hz * ue.DeviceCycles);
            // The search may probe beyond the bounds: there the cost grows with the distance from the bound.
            var bounded = (double hz) =>
            {
                var inside = Math.Clamp(hz, Problem.MinHz, Problem.MaxHz);
                return cost(inside) * (1 + (Math.Abs(hz - inside) / Problem.MaxHz));
            };
            var numeric = Math.Clamp(
                GoldenSectionMinimizer.Minimum(ObjectiveFunction.ScalarValue(bounded), Problem.MinHz, Problem.MaxHz, 1e-3, 10_000).MinimizingPoint, Problem.MinHz, Problem.MaxHz);

            var closed = ConvexAllocation.Frequency(Problem, ue);

            Assert.Equal(numeric, closed, numeric * 1e-6);
            Assert.True(cost(closed) <= cost(numeric) * (1 + 1e-12));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_band_and_es_shares_reach_the_objective_of_a_simplex_search_over_every_split(int seed)
    {
        var ues = RandomSlot(seed, 5);
        var solved = ConvexAllocation.Solve(Problem, ues);
        var sending = Enumerable.Range(0, ues.Length).Where(u => ues[u].UplinkBits > 0).ToArray();
        var computing = Enumerable.Range(0, ues.Length).Where(u => ues[u].EdgeCycles > 0).ToArray();

        // Any split of the band and of the ES, written as a softmax of free variables, at the solved frequencies.
        double Objective(Vector<double> x)
        {
            var band = Softmax(x, 0, sending, ues.Length);
            var edge = Softmax(x, sending.Length, computing, ues.Length);
            var value = Problem.Objective(ues, new SlotAllocation(solved.Hz, band, edge));
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }

        var start = Vector<double>.Build.Dense(sending.Length + computing.Length);
        var best = Objective(start);
        if (start.Count > 0)
        {
            // Restarted from each result, so that the simplex does not stall on a flat stretch.
            for (var round = 0; round < 5; round++)
            {
                var found = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Objective), start, 1e-15, 100_000);
                start = found.MinimizingPoint;
                best = found.FunctionInfoAtMinimum.Value;
            }
        }

        var ours = Problem.Objective(ues, solved);

        Assert.Equal(best, ours, best * 1e-6);
        Assert.True(ours <= best * (1 + 1e-9), $"closed form {ours} against numeric {best}");
        Assert.Equal(sending.Length == 0 ? 0.0 : 1.0, solved.Band.Sum(), 1e-12);
        Assert.Equal(computing.Length == 0 ? 0.0 : 1.0, solved.Edge.Sum(), 1e-12);
    }

    [Fact]
    public void Without_an_energy_price_the_ue_runs_at_its_highest_frequency_and_with_a_high_one_at_its_lowest()
    {
        var ue = new UeLoad(2, 5e7, 0, 0, 1, 0, 0, Queue: 0);

        Assert.Equal(Problem.MaxHz, ConvexAllocation.Frequency(Problem, ue));
        Assert.Equal(Problem.MinHz, ConvexAllocation.Frequency(Problem, ue with { Queue = 1e12 }));
    }

    [Fact]
    public void A_ue_without_frames_gets_nothing_and_costs_nothing()
    {
        var ues = new[] { new UeLoad(1, 1e7, 1e5, 1e6, 10, 0, 0, 1), new UeLoad(0, 1e7, 1e5, 1e6, 10, 0, 0, 1) };

        var solved = ConvexAllocation.Solve(Problem, ues);

        Assert.Equal([1.0, 0.0], solved.Band);
        Assert.Equal([1.0, 0.0], solved.Edge);
        Assert.Equal(0.0, Problem.EnergyJ(ues[1], solved.Hz[1], solved.Band[1]));
    }

    private static double[] Softmax(Vector<double> x, int offset, int[] users, int count)
    {
        var shares = new double[count];
        var max = users.Length == 0 ? 0.0 : users.Select((_, i) => x[offset + i]).Max();
        var total = 0.0;
        for (var i = 0; i < users.Length; i++)
        {
            shares[users[i]] = Math.Exp(x[offset + i] - max);
            total += shares[users[i]];
        }

        foreach (var u in users)
        {
            shares[u] /= total;
        }

        return shares;
    }
}
