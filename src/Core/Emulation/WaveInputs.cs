namespace MecActors.Core.Emulation;

/// <summary>What every driver gives a resource at the start of its part of a wave (or of each pass of a cyclic one), before the tasks.</summary>
public static class WaveInputs
{
    /// <summary>The slot's K for a processor and the downloads a link carries.</summary>
    public static void Prepare(ResourceNode node, WaveRole role, int slot)
    {
        if (role.ComputeJobs > 0)
        {
            node.Expect(slot, role.ComputeJobs);
        }

        foreach (var download in role.Fetches)
        {
            node.Fetch(download);
        }
    }

    /// <summary>The processor a download over <paramref name="link"/> is for.</summary>
    public static ResourceRef FetchTarget(ResourceRef link) => link.Kind == ResourceKind.Backhaul
        ? ResourceRef.EdgeCompute(link.A)
        : throw new InvalidOperationException($"{link} carries no model downloads");
}
