using System.Diagnostics;
using System.Text;

namespace MecActors.Cli.Tests.Fuzzing;

/// <summary>How a loader met one mutation.</summary>
internal enum LoadResult
{
    /// <summary>Loaded: the mutation left the document valid.</summary>
    Accepted,

    /// <summary>Bad input (exit 2) naming the mutated key.</summary>
    Rejected,

    /// <summary>Bad input whose message names neither the key nor what holds it.</summary>
    Unnamed,

    /// <summary>Any other exception: the command would exit 1 or crash.</summary>
    Unhandled,
}

/// <summary>The fuzzer's figures (mutations tried, and how each kind was met) and its failures.</summary>
internal sealed class FuzzTally
{
    private readonly Dictionary<(MutationKind, LoadResult), int> _counts = new();

    public int Tried { get; private set; }

    /// <summary>Accepted mutations whose system was built.</summary>
    public int AcceptedSeen { get; set; }

    /// <summary>Accepted mutations whose every policy was built.</summary>
    public int Built { get; set; }

    /// <summary>Accepted mutations that ran a few slots.</summary>
    public int Ran { get; set; }

    /// <summary>Mutations also given to <c>mec validate</c> as a file.</summary>
    public int ThroughCli { get; set; }

    public List<string> Failures { get; } = [];

    /// <summary>Wall time in each step: loading, building accepted systems and policies, running samples, the command.</summary>
    public Stopwatch Loading { get; } = new();

    public Stopwatch Building { get; } = new();

    public Stopwatch Running { get; } = new();

    public Stopwatch Cli { get; } = new();

    public void Count(MutationKind kind, LoadResult result)
    {
        Tried++;
        _counts[(kind, result)] = _counts.GetValueOrDefault((kind, result)) + 1;
    }

    public void Fail(HoconDocument document, HoconMutation mutation, string problem) => Failures.Add($"{document.File}: {mutation}: {problem}");

    public int Of(LoadResult result) => _counts.Where(c => c.Key.Item2 == result).Sum(c => c.Value);

    public string Figures()
    {
        var text = new StringBuilder();
        text.AppendLine(
            $"mutations tried: {Tried}; rejected with exit 2 naming the key: {Of(LoadResult.Rejected)}; accepted: {Of(LoadResult.Accepted)}; " +
            $"rejected without naming it: {Of(LoadResult.Unnamed)}; unhandled: {Of(LoadResult.Unhandled)}");
        text.AppendLine($"accepted ones whose system was built: {AcceptedSeen}, with every policy they list: {Built}, run for a few slots: {Ran}; also through mec validate: {ThroughCli}");
        text.AppendLine(
            $"wall time: loading {Loading.Elapsed.TotalSeconds:0.0} s, building {Building.Elapsed.TotalSeconds:0.0} s, " +
            $"running {Running.Elapsed.TotalSeconds:0.0} s, mec validate {Cli.Elapsed.TotalSeconds:0.0} s");
        foreach (var kind in Enum.GetValues<MutationKind>())
        {
            text.AppendLine(
                $"  {kind,-11} rejected {_counts.GetValueOrDefault((kind, LoadResult.Rejected)),6}  accepted {_counts.GetValueOrDefault((kind, LoadResult.Accepted)),6}");
        }

        return text.ToString();
    }

    public string FailureReport()
    {
        var distinct = Failures.Distinct().Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder($"{Failures.Count} failures, {distinct.Count} distinct:\n");
        foreach (var failure in distinct.Take(300))
        {
            text.AppendLine(failure);
        }

        return text.ToString();
    }
}
