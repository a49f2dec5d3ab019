using MecActors.Core.Decisions;

namespace MecActors.Policies.Learning;

/// <summary>An offloading policy that learns from feedback while training and acts greedily otherwise; it can be saved and loaded.</summary>
public interface ITrainablePolicy : IOffloadingPolicy
{
    /// <summary>While true, actions are sampled and feedback updates the parameters; while false, actions are the most likely ones.</summary>
    bool Training { get; set; }

    /// <summary>The columns of every <see cref="Updated"/> point.</summary>
    TrainingMetrics Metrics { get; }

    /// <summary>Called after every parameter update.</summary>
    event Action<TrainingPoint>? Updated;

    void Save(string path);

    void Load(string path);
}
