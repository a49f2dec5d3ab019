using System.Globalization;
using System.Text;

namespace MecActors.Policies.Learning;

/// <summary>
/// One parameter update of a learning agent: the last slot it covered and a value for each of the agent's
/// <see cref="TrainingMetrics"/>, in their order. Two points are equal when their slots, names and values are.
/// </summary>
public sealed record TrainingPoint
{
    private readonly double[] _values;

    public TrainingPoint(int slot, TrainingMetrics metrics, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != metrics.Count)
        {
            throw new ArgumentException($"{values.Length} values for the {metrics.Count} metrics {string.Join(", ", metrics.Names)}", nameof(values));
        }

        Slot = slot;
        Metrics = metrics;
        _values = [.. values];
    }

    public int Slot { get; init; }

    public TrainingMetrics Metrics { get; }

    /// <summary>The values in the order of <see cref="TrainingMetrics.Names"/>.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The value of <see cref="TrainingMetrics.Followed"/>.</summary>
    public double FollowedValue => _values[0];

    public double this[string name] => _values[Metrics.IndexOf(name)];

    public bool Equals(TrainingPoint? other) =>
        other is not null && Slot == other.Slot && Metrics.Names.SequenceEqual(other.Metrics.Names) && _values.AsSpan().SequenceEqual(other._values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Slot);
        foreach (var value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>"slot 40: reward = 0.97, policyLoss = 0.85, ...".</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"slot {Slot}");
        for (var i = 0; i < _values.Length; i++)
        {
            text.Append(i == 0 ? ": " : ", ").Append(CultureInfo.InvariantCulture, $"{Metrics.Names[i]} = {_values[i]:R}");
        }

        return text.ToString();
    }
}
