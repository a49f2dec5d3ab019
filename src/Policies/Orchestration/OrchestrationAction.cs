using MecActors.Core.Decisions;

namespace MecActors.Policies.Orchestration;

/// <summary>A device's action (paper 003, Sec. 4.2): where its inference runs and which variant runs it.</summary>
public readonly record struct OrchestrationAction(NodeKind Node, ModelVariant Variant)
{
    public override string ToString() => $"{Variant.Name},{Node switch { NodeKind.Device => "L", NodeKind.Edge => "E", _ => "C" }}";
}

/// <summary>
/// The actions open to one device: every variant locally and the offload variant at the edge and in the cloud (10 for
/// Table 4), or, for the offloading-only baseline [36], the offload variant on each of the three nodes. A joint action
/// of N devices is a number in [0, Count^N), device 0's action the least significant digit.
/// </summary>
public sealed class ActionSpace
{
    public ActionSpace(OrchestrationSettings settings, bool offloadOnly)
    {
        var actions = new List<OrchestrationAction>();
        if (offloadOnly)
        {
            actions.Add(new OrchestrationAction(NodeKind.Device, settings.OffloadVariant));
        }
        else
        {
            actions.AddRange(settings.Variants.Select(v => new OrchestrationAction(NodeKind.Device, v)));
        }

        actions.Add(new OrchestrationAction(NodeKind.Edge, settings.OffloadVariant));
        actions.Add(new OrchestrationAction(NodeKind.Cloud, settings.OffloadVariant));
        Actions = actions;
    }

    public IReadOnlyList<OrchestrationAction> Actions { get; }

    public int Count => Actions.Count;

    /// <summary>How many joint actions <paramref name="devices"/> devices have.</summary>
    public long JointCount(int devices)
    {
        var n = 1L;
        for (var i = 0; i < devices; i++)
        {
            n = checked(n * Count);
        }

        return n;
    }

    /// <summary>Writes the per-device actions of joint action <paramref name="joint"/> into <paramref name="into"/>.</summary>
    public void Decode(long joint, Span<OrchestrationAction> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = Actions[(int)(joint % Count)];
            joint /= Count;
        }
    }
}
