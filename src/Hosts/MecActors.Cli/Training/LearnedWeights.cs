using Akka.Actor;
using MecActors.Cli.Commands;
using MecActors.Cli.Output;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Policies;

namespace MecActors.Cli.Training;

/// <summary>
/// The weights each learning policy of <c>mec run</c> or <c>mec compare</c> is evaluated with, on one seed: its checkpoint
/// from <c>--checkpoints DIR</c> when there is one, otherwise the scenario's shipped checkpoint when its stamp matches
/// (<see cref="ShippedCheckpoints"/>), otherwise the result of training it for <c>--train-steps</c> slots with the
/// seed (saved into DIR with its stamp when given), otherwise none (untrained, with a warning). Learning policies are always evaluated greedily (<c>Training = false</c>), each from a fresh
/// policy set with the weights loaded, so an in-memory result and its checkpoint evaluate identically.
/// </summary>
internal sealed class LearnedWeights
{
    private readonly Dictionary<string, byte[]> _weights;
    private readonly List<string> _toTrain;
    private readonly int? _trainSteps;
    private readonly string? _checkpointsDir;
    private readonly string? _scenarioSha256;

    private LearnedWeights(
        int seed, Dictionary<string, byte[]> weights, List<string> toTrain, int? trainSteps, string? checkpointsDir, string? scenarioSha256)
    {
        Seed = seed;
        _scenarioSha256 = scenarioSha256;
        _weights = weights;
        _toTrain = toTrain;
        _trainSteps = trainSteps;
        _checkpointsDir = checkpointsDir;
    }

    /// <summary>The learning policies still to train, in the order given.</summary>
    public IReadOnlyList<string> ToTrain => _toTrain;

    /// <summary>
    /// Decides where every learning policy's weights come from and reads (and checks) the checkpoints found, before
    /// anything runs. Warns on stderr about each learning policy that will be evaluated untrained.
    /// </summary>
    /// <exception cref="BadInputException">--checkpoints names a file, or a checkpoint does not load.</exception>
    /// <param name="shipped">The scenario's shipped checkpoints, consulted after <paramref name="checkpointsDir"/>; null: none.</param>
    /// <param name="scenarioSha256">The scenario file's content hash, stamped on the checkpoints saved here; null: no stamps.</param>
    public static LearnedWeights Resolve(
        CliConsole console,
        IReadOnlyList<string> policies,
        int? trainSteps,
        string? checkpointsDir,
        ShippedCheckpoints? shipped,
        string? scenarioSha256,
        SystemView system,
        int seed)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(policies);
        if (checkpointsDir is not null && File.Exists(checkpointsDir))
        {
            throw new BadInputException($"--checkpoints: {checkpointsDir} is a file, not a directory");
        }

        var weights = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var toTrain = new List<string>();
        var learning = policies.Where(PolicyCatalog.All.Learns).Distinct(StringComparer.Ordinal).ToList();
        foreach (var policy in learning)
        {
            var path = checkpointsDir is null ? null : Path.Combine(checkpointsDir, Checkpoints.FileName(policy));
            if (path is not null && File.Exists(path))
            {
                weights[policy] = Checkpoints.Read(path, policy, system, seed);
            }
            else if (shipped?.Find(console, policy, system, seed, trainSteps) is { } shippedWeights)
            {
                weights[policy] = shippedWeights;
            }
            else if (trainSteps is not null)
            {
                toTrain.Add(policy);
            }
            else
            {
                var where = checkpointsDir is null ? "no checkpoint" : $"no {Checkpoints.FileName(policy)} in {checkpointsDir}";
                console.Error.WriteLine(
                    $"warning: {policy} is a learning policy evaluated untrained ({where} and no --train-steps)");
            }
        }

        if (trainSteps is not null && learning.Count == 0)
        {
            console.Error.WriteLine(
                $"warning: --train-steps is ignored: none of {string.Join(", ", policies)} learns");
        }

        return new LearnedWeights(seed, weights, toTrain, trainSteps, checkpointsDir, scenarioSha256);
    }

    /// <summary>The seed these weights are for (training and evaluation run on it).</summary>
    public int Seed { get; }

    /// <summary>
    /// Trains what every one of <paramref name="perSeed"/> still has to train, <paramref name="parallel"/> trainings at
    /// a time, saves each checkpoint into its checkpoints directory as soon as it is trained (when one was given), then
    /// prints each training's summary on stderr in order.
    /// </summary>
    public static async Task TrainAllAsync(
        CliConsole console,
        ActorSystem actorSystem,
        SystemView system,
        IReadOnlyList<LearnedWeights> perSeed,
        int parallel,
        CancellationToken cancellationToken)
    {
        var jobs = perSeed.SelectMany(w => w._toTrain.Select(policy => (Weights: w, Policy: policy))).ToList();
        if (jobs.Count == 0)
        {
            return;
        }

        var steps = jobs[0].Weights._trainSteps!.Value;
        var labels = jobs.Select(j => perSeed.Count == 1 ? j.Policy : $"{j.Policy}, seed {j.Weights.Seed}").ToList();
        var results = await TrainingProgress.RunAllAsync(
                console,
                labels,
                steps,
                parallel,
                async (i, curve, onSlotClosed) =>
                {
                    var (weights, policy) = jobs[i];
                    var result = await Trainer
                        .TrainAsync(actorSystem, system, policy, steps, weights.Seed, curve, onSlotClosed, cancellationToken)
                        .ConfigureAwait(false);
                    if (weights._checkpointsDir is not null)
                    {
                        List<KeyValuePair<string, byte[]>> files = [new(Checkpoints.FileName(policy), result.Checkpoint)];
                        if (weights._scenarioSha256 is { } hash)
                        {
                            files.Add(new(
                                CheckpointStamp.FileName(policy),
                                CheckpointStamp.For(policy, hash, weights.Seed, steps, result.Checkpoint).ToJson()));
                        }

                        ResultsWriter.WriteFilesAtomically(weights._checkpointsDir, files);
                    }

                    return result;
                },
                cancellationToken)
            .ConfigureAwait(false);

        for (var i = 0; i < jobs.Count; i++)
        {
            jobs[i].Weights._weights[jobs[i].Policy] = results[i].Checkpoint;
            console.Error.WriteLine($"trained {results[i].Describe()}{(perSeed.Count == 1 ? "" : $", seed {jobs[i].Weights.Seed}")}; {results[i].DescribeTimeSplit()}");
        }
    }

    /// <summary>A fresh policy set for evaluation on <see cref="Seed"/>: a learning one gets its weights (if any) and acts greedily, or keeps learning online.</summary>
    public PolicySet CreateForEvaluation(string policy, SystemView system, bool learnOnline = false) =>
        EvaluationPolicies.Create(policy, system, Seed, ParametersOf(policy), learnOnline);

    /// <summary>The trained weights of <paramref name="policy"/>, or null (untrained, or not a learning policy).</summary>
    public byte[]? ParametersOf(string policy) => _weights.GetValueOrDefault(policy);
}
