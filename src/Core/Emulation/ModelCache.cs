using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Emulation;

/// <summary>An edge server's model cache: Z for the edge, within its storage S_n (constraint C3).</summary>
public sealed class ModelCache
{
    private readonly SystemView _system;
    private readonly bool[] _cached;

    public ModelCache(SystemView system, int edge)
    {
        _system = system;
        Spec = system.Scenario.Edges[edge];
        _cached = new bool[system.Scenario.Models.Count];
    }

    public EdgeSpec Spec { get; }

    /// <summary>
    /// Z for this edge; fails if the placement breaks C3. A server that was down in the slot before (<paramref name="lost"/>)
    /// lost what it cached: it starts the slot with nothing cached, and its tasks fetch their models.
    /// </summary>
    public void Place(IReadOnlyList<bool> models, bool lost = false)
    {
        if (lost)
        {
            Array.Clear(_cached);
            return;
        }

        var used = 0.0;
        for (var m = 0; m < models.Count; m++)
        {
            if (models[m])
            {
                used += _system.Scenario.Models[m].SizeBits;
            }
        }

        if (used > Spec.StorageBytes * 8.0)
        {
            throw new InvalidOperationException($"edge {Spec.Id}: cache placement of {used / 8e9:F3} GB exceeds storage {Spec.StorageBytes / 1e9:F3} GB (C3)");
        }

        for (var m = 0; m < _cached.Length; m++)
        {
            _cached[m] = models[m];
        }
    }

    /// <summary>The edge's state at <paramref name="now"/>, with its processor free from <paramref name="processorFreeAt"/>.</summary>
    public EdgeStatus Status(double now, double processorFreeAt) => new(
        Spec.Id, Spec.CapacityHz, Spec.Cores, Spec.StorageBytes, Math.Max(0.0, processorFreeAt - now), (bool[])_cached.Clone());
}
