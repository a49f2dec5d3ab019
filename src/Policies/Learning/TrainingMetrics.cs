namespace MecActors.Policies.Learning;

/// <summary>
/// The columns a learning agent reports at each parameter update, named by the agent (A2C: reward, policyLoss,
/// valueLoss, entropy; a DQN would report its TD loss, DROO its cross-entropy). The first is the one a training curve
/// follows with a moving average.
/// </summary>
public sealed class TrainingMetrics
{
    /// <summary>Names a training curve gives its own columns, which no metric may take.</summary>
    public static readonly IReadOnlyList<string> Reserved = ["step", "movingAverage"];

    private readonly string[] _names;

    /// <param name="names">The columns in order, the followed one first: distinct, non-empty, without commas or quotes.</param>
    public TrainingMetrics(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
        {
            throw new ArgumentException("an agent reports at least one metric", nameof(names));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || name.AsSpan().IndexOfAny(",\"\n\r") >= 0)
            {
                throw new ArgumentException($"metric name '{name}' is not a plain column name", nameof(names));
            }

            if (Reserved.Contains(name, StringComparer.Ordinal) || !seen.Add(name))
            {
                throw new ArgumentException($"metric name '{name}' is reserved or repeated", nameof(names));
            }
        }

        _names = [.. names];
    }

    public IReadOnlyList<string> Names => _names;

    public int Count => _names.Length;

    /// <summary>The metric a training curve averages over its last updates and the progress display shows.</summary>
    public string Followed => _names[0];

    public int IndexOf(string name)
    {
        var i = Array.IndexOf(_names, name);
        return i >= 0 ? i : throw new ArgumentException($"no metric '{name}'; the agent reports {string.Join(", ", _names)}", nameof(name));
    }
}
