using System.Diagnostics;
using MecActors.Core.Randomness;
using MecActors.Policies;
using MecActors.Policies.PreDnnOff;

namespace MecActors.Cli.Reports;

/// <summary>
/// Paper 001's analytic studies on the scenario's latency model: Pre-DNNOff against Edgent over the wireless rate and
/// the requirement's spread, the GA's seeded runs against the exact optimum, and the solvers' running times.
/// </summary>
internal sealed class PreDnnOffStudy
{
    public static readonly double[] RatesMbps = [1, 2, 5, 10, 20, 37, 74, 100, 150, 200];

    public static readonly double[] Spreads = [0.02, 0.053, 0.08, 0.12];

    /// <summary>How much faster than Table 4.2's Raspberry Pi a device would have to be for the placements to differ.</summary>
    public static readonly double[] DeviceSpeedups = [1, 10, 30, 100];

    public const int GeneticRuns = 20;

    /// <summary>A GA with elitism, a larger population and mutation in every offspring: how far the paper's operators get with help.</summary>
    public static readonly GeneticSettings ElitistGenetic = new(100, 50, 0.8, 1.0, 2.0, Elite: 2);

    /// <summary>The same with ten times the iterations.</summary>
    public static readonly GeneticSettings LongGenetic = ElitistGenetic with { Iterations = 500 };

    private PreDnnOffStudy(LayerLatencyModel model, PreDnnOffSettings settings)
    {
        Model = model;
        Settings = settings;
        Exact = ExactPlacement.Solve(model);
        Edgent = EdgentPlacement.Solve(model);
        EdgentFixedExit = EdgentPlacement.Cuts(model).Min(p => model.ExitSeconds(p, model.Profile.Exits.Count - 1));
        DeviceOnly = model.ExpectedSeconds(model.AllOn(LayerLatencyModel.Device));
        EdgeOnly = model.ExpectedSeconds(model.AllOn(1));
        Runs = Enumerable.Range(1, GeneticRuns).Select(seed => RunGenetic(settings.Genetic, seed)).ToArray();
        ElitistRuns = Enumerable.Range(1, GeneticRuns).Select(seed => RunGenetic(ElitistGenetic, seed)).ToArray();
        LongRuns = Enumerable.Range(1, GeneticRuns).Select(seed => RunGenetic(LongGenetic, seed)).ToArray();
        Sweep = Spreads.SelectMany(sd => RatesMbps.Select(rate => SweepPoint(rate, sd, 1.0, sd))).ToArray();
        FasterDevices = DeviceSpeedups.SelectMany(speedup => RatesMbps.Select(rate => SweepPoint(rate, Model.Exits.Sd, speedup, speedup))).ToArray();
    }

    public LayerLatencyModel Model { get; }

    public PreDnnOffSettings Settings { get; }

    public PlacementResult Exact { get; }

    public PlacementResult Edgent { get; }

    /// <summary>Edgent's best cut for the last exit alone: every task runs the exit that meets 99.7% of requirements.</summary>
    public double EdgentFixedExit { get; }

    public double DeviceOnly { get; }

    public double EdgeOnly { get; }

    /// <summary>The GA's runs with the scenario's settings, seeds 1..20 (the policy's stream).</summary>
    public IReadOnlyList<GeneticResult> Runs { get; }

    public IReadOnlyList<GeneticResult> ElitistRuns { get; }

    public IReadOnlyList<GeneticResult> LongRuns { get; }

    /// <summary>Expected latencies of the exact optimum and of Edgent per rate and spread, Table 4.2's device.</summary>
    public IReadOnlyList<(double RateMbps, double Sd, double Exact, double Edgent)> Sweep { get; }

    /// <summary>The same per rate and device speed-up (the scenario's spread; "Sd" holds the speed-up).</summary>
    public IReadOnlyList<(double RateMbps, double Sd, double Exact, double Edgent)> FasterDevices { get; }

    public static PreDnnOffStudy Of(Core.Decisions.SystemView system)
    {
        var settings = system.Scenario.PolicyParameters.Get<PreDnnOffSettings>();
        return new PreDnnOffStudy(settings.ModelFor(system), settings);
    }

    /// <summary>Whether a run reached the exact optimum (to rounding).</summary>
    public bool Optimal(GeneticResult run) => run.ExpectedSeconds <= Exact.ExpectedSeconds * (1 + 1e-12);

    /// <summary>Median wall times (ms) of the exact program and of one GA run on this machine.</summary>
    public (double ExactMs, double GeneticMs) Timings()
    {
        for (var i = 0; i < 20; i++)
        {
            ExactPlacement.Solve(Model);
        }

        var exact = Median(Enumerable.Range(0, 201).Select(_ => Time(() => ExactPlacement.Solve(Model))));
        var genetic = Median(Enumerable.Range(1, 21).Select(seed => Time(() => RunGenetic(Settings.Genetic, seed))));
        return (exact, genetic);
    }

    private GeneticResult RunGenetic(GeneticSettings settings, int seed) =>
        GeneticPlacement.Solve(Model, settings, RandomStream.For(seed, StreamKind.Policy, PreDnnOffPolicies.GeneticStream));

    private (double, double, double, double) SweepPoint(double rateMbps, double sd, double deviceSpeedup, double label)
    {
        var regressions = Model.Regressions.WithFasterDevice(deviceSpeedup);
        var model = new LayerLatencyModel(Model.Profile, regressions, rateMbps * 1e6, new ExitDistribution(Model.Profile, Model.Exits.Mean, sd));
        return (rateMbps, label, ExactPlacement.Solve(model).ExpectedSeconds, EdgentPlacement.Solve(model).ExpectedSeconds);
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
