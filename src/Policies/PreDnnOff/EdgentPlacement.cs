namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// Edgent (Li, Zhou and Chen, 2018) under an uncertain requirement: one partition point on the branch a task runs, its
/// first layers on the device and the rest on the edge, the exit chosen for the task's requirement. Edgent picks the
/// (exit, cut) pair for a known requirement; here the requirement is known only by its distribution, so the cut is
/// fixed in advance: a depth d, the layers at depth below d on the device on every branch, chosen to minimise the
/// expected latency (4.9) over the same exits Pre-DNNOff takes. A depth cut is the one cut that is the same prefix on
/// every branch, since branches share the main branch's first layers. With a cloud, Edgent still leaves it unused.
/// </summary>
public static class EdgentPlacement
{
    public static PlacementResult Solve(LayerLatencyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        PlacementResult? best = null;
        foreach (var placement in Cuts(model))
        {
            var expected = model.ExpectedSeconds(placement);
            if (best is null || expected < best.ExpectedSeconds)
            {
                best = new PlacementResult(placement, expected);
            }
        }

        return best!;
    }

    /// <summary>Every depth cut, from everything at the edge (d = 0) to everything on the device.</summary>
    public static IEnumerable<int[]> Cuts(LayerLatencyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var profile = model.Profile;
        var depth = new int[profile.Layers.Count];
        for (var l = 0; l < depth.Length; l++)
        {
            var parent = profile.Layers[l].Parent;
            depth[l] = parent < 0 ? 0 : depth[parent] + 1;
        }

        for (var cut = 0; cut <= depth.Max() + 1; cut++)
        {
            yield return depth.Select(d => d < cut ? LayerLatencyModel.Device : LayerLatencyModel.Edge).ToArray();
        }
    }
}
