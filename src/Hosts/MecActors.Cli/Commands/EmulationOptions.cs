using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;

namespace MecActors.Cli.Commands;

/// <summary>What <c>mec run</c> and <c>mec compare</c> were asked to do.</summary>
/// <param name="Policies">The policies to run, or null for every policy the scenario lists.</param>
/// <param name="Slots">Null: the scenario's <c>slots</c>.</param>
/// <param name="Seed">Null: the scenario's <c>seed</c>.</param>
/// <param name="OutDir">Null: <c>out/&lt;scenario name&gt;</c>.</param>
/// <param name="DispatcherThroughput">Null: as in config/akka.conf.</param>
/// <param name="TrainSteps">Null: learning policies without a checkpoint are evaluated untrained.</param>
/// <param name="CheckpointsDir">Null: only the scenario's shipped checkpoints are used; <c>none</c>: not even those.</param>
/// <param name="Clock"><c>virtual</c> (default) or <c>realtime</c>.</param>
/// <param name="TimeScale">Wall seconds per simulated second under the realtime clock.</param>
/// <param name="Cluster">A seed node's address to run on that cluster, or null to run in this process.</param>
/// <param name="Episode">
/// The first workload episode evaluated, followed by the next <paramref name="Episodes"/> − 1; null: the held-out
/// evaluation block (<see cref="Experiments.EvaluationEpisodes"/>).
/// </param>
/// <param name="Episodes">How many workload episodes each policy is evaluated on (K).</param>
/// <param name="Seeds">The seeds to repeat over (each places the network), or null for <paramref name="Seed"/> alone.</param>
/// <param name="Parallel">How many emulation runs (evaluations, trainings) run at once; results do not depend on it.</param>
/// <param name="Trace">Write <c>tasks.csv</c>: every task's stages, timing, outcome and reason.</param>
/// <param name="LearnOnline">Learning policies go on exploring and learning from the run's feedback instead of acting greedily.</param>
/// <param name="FaultsPath">A fault plan file whose <c>faults</c> replace the scenario's, or null.</param>
/// <param name="BarrierWatchdogSeconds">Null: as in config/akka.conf (<c>mec.barrier-watchdog</c>); 0: no watchdog.</param>
/// <param name="ProgressFile">A file that gets a line <c>POLICY SLOT SLOTS</c> each time a run closes a slot, or null.</param>
/// <param name="LearnerCheckpointEvery">On a cluster: slots between the learner's checkpoints (0: none); null: the default, every 25.</param>
/// <param name="LearnerCheckpointDir">On a cluster: the directory the nodes share for the learner's checkpoints; null: under the system's temporary directory.</param>
internal sealed record EmulationRequest(
    string ScenarioPath,
    IReadOnlyList<string>? Policies,
    int? Slots,
    int? Seed,
    string? OutDir,
    int? DispatcherThroughput,
    bool Verbose,
    int? TrainSteps = null,
    string? CheckpointsDir = null,
    string Clock = EmulationOptions.VirtualClock,
    double TimeScale = 1.0,
    string? Cluster = null,
    int? Episode = null,
    int Episodes = 1,
    IReadOnlyList<int>? Seeds = null,
    int Parallel = 1,
    bool Trace = false,
    bool LearnOnline = false,
    string? FaultsPath = null,
    double? BarrierWatchdogSeconds = null,
    string? ProgressFile = null,
    int? LearnerCheckpointEvery = null,
    string? LearnerCheckpointDir = null);

/// <summary>
/// The scenario argument and the options <c>mec run</c> and <c>mec compare</c> share, including how their learning
/// policies get trained weights (<c>--train-steps</c>, <c>--checkpoints</c>).
/// </summary>
internal sealed class EmulationOptions
{
    public EmulationOptions(Option<bool> verbose)
    {
        Verbose = verbose;
        Slots.Validators.Add(r => RequirePositive(r, "--slots"));
        DispatcherThroughput.Validators.Add(r => RequirePositive(r, "--dispatcher-throughput"));
        TrainSteps.Validators.Add(r => RequirePositive(r, "--train-steps"));
        Episode.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<int?>();
            if (value < 0)
            {
                r.AddError($"--episode: must be 0 or more, got {value}");
            }
        });
        Episodes.Validators.Add(r => RequirePositive(r, "--episodes"));
        Parallel.Validators.Add(r => RequirePositive(r, "--parallel"));
        Seeds.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && SeedList.Parse(r.Tokens[0].Value) is { Error: { } error })
            {
                r.AddError($"--seeds: {error}");
            }
        });
        Clock.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (value is not (VirtualClock or RealtimeClock))
            {
                r.AddError($"--clock: must be {VirtualClock} or {RealtimeClock}, got '{value}'");
            }
        });
        TimeScale.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (!(value > 0) || double.IsInfinity(value))
            {
                r.AddError($"--time-scale: must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        BarrierWatchdog.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double?>();
            if (value is { } seconds && (!(seconds >= 0) || double.IsInfinity(seconds)))
            {
                r.AddError($"--barrier-watchdog: must be 0 (off) or a positive number of seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        LearnerCheckpointEvery.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1
                && int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                && value < 0)
            {
                r.AddError($"--learner-checkpoint-every: must be 0 (off) or a number of slots, got {value}");
            }
        });
    }

    public const string VirtualClock = "virtual";

    public const string RealtimeClock = "realtime";

    /// <summary>The <c>--checkpoints</c> value that turns checkpoints off, the scenario's shipped ones included.</summary>
    public const string NoCheckpoints = "none";

    public Option<bool> Verbose { get; }

    public Argument<string> Scenario { get; } = new("scenario")
    {
        Description = "The scenario file (HOCON), e.g. config/scenarios/tiny.conf",
    };

    public Option<int?> Slots { get; } = new("--slots")
    {
        HelpName = "N",
        Description = "Slots to emulate [default: the scenario's slots]",
    };

    public Option<int?> Seed { get; } = new("--seed")
    {
        HelpName = "S",
        Description = "Root seed of the run [default: the scenario's seed]",
    };

    public Option<string?> Out { get; } = new("--out")
    {
        HelpName = "DIR",
        Description = "Directory for summary.json, slots.csv and plots [default: out/<scenario name>]",
    };

    public Option<int?> DispatcherThroughput { get; } = new("--dispatcher-throughput")
    {
        HelpName = "N",
        Description = "Override akka.actor.default-dispatcher.throughput (results do not depend on it)",
    };

    public Option<int?> TrainSteps { get; } = new("--train-steps")
    {
        HelpName = "N",
        Description = "Train each learning policy that has no checkpoint for N slots (same seed) before it is evaluated",
    };

    public Option<string?> Checkpoints { get; } = new("--checkpoints")
    {
        HelpName = "DIR",
        Description = "Load <policy>.mecnn from DIR for each learning policy, before the scenario's shipped checkpoints (config/checkpoints/<scenario>/, used when their stamp matches); save the ones trained here into it; 'none': no checkpoints at all, shipped ones included",
    };

    public Option<string> Clock { get; } = new("--clock")
    {
        HelpName = "virtual|realtime",
        Description = "virtual: discrete-event simulated time (deterministic); realtime: links and servers hold tasks for their scaled durations on wall time",
        DefaultValueFactory = _ => VirtualClock,
    };

    public Option<double> TimeScale { get; } = new("--time-scale")
    {
        HelpName = "X",
        Description = "Under --clock realtime: wall seconds per simulated second (1: real time; 10: ten times slower)",
        DefaultValueFactory = _ => 1.0,
    };

    public Option<int?> Episode { get; } = new("--episode")
    {
        HelpName = "E",
        Description = "Evaluate on workload episodes E, E+1, ... (--episodes of them) instead of the held-out evaluation block (0, 1000001, 1000002, ...); training runs episodes 1, 2, ..., so 990-999 serve as validation workloads",
    };

    public Option<int> Episodes { get; } = new("--episodes")
    {
        HelpName = "K",
        Description = "Evaluate every policy on K workload episodes; summary.json then holds each metric's mean, standard deviation, 95% interval and n",
        DefaultValueFactory = _ => 1,
    };

    public Option<string?> Seeds { get; } = new("--seeds")
    {
        HelpName = "S1,S2,...",
        Description = "Repeat over these seeds (each places the network anew; learning policies are trained once per seed); instead of --seed",
    };

    public Option<int> Parallel { get; } = new("--parallel")
    {
        HelpName = "P",
        Description = "Emulation runs (evaluations and trainings) at once [default: the core count]; results do not depend on it",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public Option<bool> Trace { get; } = new("--trace")
    {
        Description = "Also write tasks.csv: per task its placement, every stage's resource, start and end, its delay components, accuracy, energy, outcome and reason (streamed to disk)",
    };

    public Option<bool> LearnOnline { get; } = new("--learn-online")
    {
        Description = "Learning policies keep exploring and learning from the run's feedback, online, from their weights (trained, checkpointed or fresh)",
    };

    public Option<string?> Faults { get; } = new("--faults")
    {
        HelpName = "FILE",
        Description = "Inject the fault plan of FILE (a HOCON file with one faults section: on-fault, plan) in place of the scenario's own; README, Fault injection",
    };

    public Option<double?> BarrierWatchdog { get; } = new("--barrier-watchdog")
    {
        HelpName = "S",
        Description = "Under the virtual clock: fail the run (exit 1) when its slot barrier makes no progress for S seconds of wall time, naming the resources that have not reported; 0: never [default: 60, mec.barrier-watchdog in config/akka.conf]",
    };

    public Option<string?> Cluster { get; } = new("--cluster")
    {
        HelpName = "SEED_ADDRESS",
        Description = "Run on a running cluster (mec node, scripts/cluster-up.sh) through its seed node, e.g. akka.tcp://mec@127.0.0.1:4053; results are collected here",
    };

    public Option<string?> ProgressFile { get; } = new("--progress-file")
    {
        HelpName = "FILE",
        Description = "Append a line \"POLICY SLOT SLOTS\" to FILE each time a run closes a slot, for whoever watches the run from outside (scripts/fault-kill-worker.sh)",
    };

    public Option<int?> LearnerCheckpointEvery { get; } = new("--learner-checkpoint-every")
    {
        HelpName = "K",
        Description = "With --cluster: the learning coordinator checkpoints the run every K slots (the decisions so far and the policies' state), so that the next one resumes it from there if its node is lost; 0: no checkpoints, a lost learner's run is run again from slot 1 [default: 25]",
    };

    public Option<string?> LearnerCheckpointDir { get; } = new("--learner-checkpoint-dir")
    {
        HelpName = "DIR",
        Description = "With --cluster: the directory, readable by every node, where each run's checkpoints go (a directory per run, removed when the run ends) [default: mec-learner-checkpoints in the system's temporary directory]",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Scenario);
        command.Options.Add(Slots);
        command.Options.Add(Seed);
        command.Options.Add(Out);
        command.Options.Add(DispatcherThroughput);
        command.Options.Add(TrainSteps);
        command.Options.Add(Checkpoints);
        command.Options.Add(Clock);
        command.Options.Add(TimeScale);
        command.Options.Add(Cluster);
        command.Options.Add(Episode);
        command.Options.Add(Episodes);
        command.Options.Add(Seeds);
        command.Options.Add(Parallel);
        command.Options.Add(Trace);
        command.Options.Add(LearnOnline);
        command.Options.Add(Faults);
        command.Options.Add(BarrierWatchdog);
        command.Options.Add(ProgressFile);
        command.Options.Add(LearnerCheckpointEvery);
        command.Options.Add(LearnerCheckpointDir);
        command.Validators.Add(r =>
        {
            foreach (var (option, name) in new (Option, string)[] { (LearnerCheckpointEvery, "--learner-checkpoint-every"), (LearnerCheckpointDir, "--learner-checkpoint-dir") })
            {
                if (r.GetResult(option) is { Implicit: false } && r.GetResult(Cluster) is null or { Implicit: true })
                {
                    r.AddError($"{name}: checkpoints are for a learner on a cluster; add --cluster or drop {name}");
                }
            }

            if (r.GetResult(Seed) is { Implicit: false } && r.GetResult(Seeds) is { Implicit: false })
            {
                r.AddError("--seeds: give either --seed or --seeds, not both");
            }
        });
    }

    public EmulationRequest Read(ParseResult parse, IReadOnlyList<string>? policies) => new(
        parse.GetValue(Scenario)!,
        policies,
        parse.GetValue(Slots),
        parse.GetValue(Seed),
        parse.GetValue(Out),
        parse.GetValue(DispatcherThroughput),
        parse.GetValue(Verbose),
        parse.GetValue(TrainSteps),
        parse.GetValue(Checkpoints),
        parse.GetValue(Clock)!,
        parse.GetValue(TimeScale),
        parse.GetValue(Cluster),
        parse.GetValue(Episode),
        parse.GetValue(Episodes),
        parse.GetValue(Seeds) is { } seeds ? SeedList.Parse(seeds).Seeds : null,
        parse.GetValue(Parallel),
        parse.GetValue(Trace),
        parse.GetValue(LearnOnline),
        parse.GetValue(Faults),
        parse.GetValue(BarrierWatchdog),
        parse.GetValue(ProgressFile),
        parse.GetValue(LearnerCheckpointEvery),
        parse.GetValue(LearnerCheckpointDir));

    /// <summary>
    /// Adds an error naming <paramref name="name"/> when the option's value is an integer below 1. A value that is
    /// not an integer is left to the parser, which reports it (reading the value here would throw).
    /// </summary>
    internal static void RequirePositive(OptionResult result, string name)
    {
        if (result.Tokens.Count == 1
            && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value < 1)
        {
            result.AddError($"{name}: must be at least 1, got {value}");
        }
    }
}
