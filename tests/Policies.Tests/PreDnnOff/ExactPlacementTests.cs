using MecActors.Policies.PreDnnOff;
using Xunit;

namespace MecActors.Policies.Tests.PreDnnOff;

public class ExactPlacementTests
{
    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 8)]
    [InlineData(3, 10)]
    [InlineData(4, 10)]
    [InlineData(5, 12)]
    [InlineData(6, 12)]
    public void The_dynamic_program_finds_the_brute_force_optimum_of_the_expected_latency(int seed, int layers)
    {
        var model = RandomProfiles.Model(seed, layers);

        var exact = ExactPlacement.Solve(model);

        var brute = RandomProfiles.AllPlacements(layers).Min(model.ExpectedSeconds);
        Assert.Equal(brute, exact.ExpectedSeconds, 1e-12);
        Assert.Equal(exact.ExpectedSeconds, model.ExpectedSeconds(exact.Placement), 1e-12);
    }

    [Theory]
    [InlineData(11, 8)]
    [InlineData(12, 10)]
    [InlineData(13, 10)]
    public void With_entry_waits_the_dynamic_program_still_finds_the_brute_force_optimum(int seed, int layers)
    {
        var model = RandomProfiles.Model(seed, layers);
        var waits = new EntryWaits(0.004 * seed % 0.03, 0.02, 0.003);

        var exact = ExactPlacement.Solve(model, waits);

        var brute = RandomProfiles.AllPlacements(layers).Min(p => WithWaits(model, p, waits));
        Assert.Equal(brute, exact.ExpectedSeconds, 1e-12);
        Assert.Equal(exact.ExpectedSeconds, WithWaits(model, exact.Placement, waits), 1e-12);
    }

    [Theory]
    [InlineData(21, 6)]
    [InlineData(22, 7)]
    [InlineData(23, 8)]
    [InlineData(24, 8)]
    [InlineData(25, 9)]
    public void With_the_cloud_the_dynamic_program_finds_the_brute_force_optimum_over_three_nodes(int seed, int layers)
    {
        var model = RandomProfiles.Model(seed, layers, withCloud: true);

        var exact = ExactPlacement.Solve(model);

        var brute = RandomProfiles.AllPlacements(layers, 3).Min(model.ExpectedSeconds);
        Assert.Equal(brute, exact.ExpectedSeconds, 1e-12);
        Assert.Equal(exact.ExpectedSeconds, model.ExpectedSeconds(exact.Placement), 1e-12);
    }

    [Theory]
    [InlineData(31, 7)]
    [InlineData(32, 8)]
    public void With_the_cloud_and_entry_waits_the_dynamic_program_still_finds_the_brute_force_optimum(int seed, int layers)
    {
        var model = RandomProfiles.Model(seed, layers, withCloud: true);
        var waits = new EntryWaits(0.01, 0.02, 0.003, 0.005);

        var exact = ExactPlacement.Solve(model, waits);

        var brute = RandomProfiles.AllPlacements(layers, 3).Min(p => WithWaits(model, p, waits));
        Assert.Equal(brute, exact.ExpectedSeconds, 1e-12);
        Assert.Equal(exact.ExpectedSeconds, WithWaits(model, exact.Placement, waits), 1e-12);
    }

    [Fact]
    public void A_move_to_the_cloud_crosses_the_wireless_link_from_the_device_and_only_the_wired_one_from_the_edge()
    {
        var model = RandomProfiles.Model(21, 6, withCloud: true);
        var wired = model.CloudTier!.WiredBps;

        Assert.Equal(8e3 / model.WirelessBps, model.TransferSeconds(1e3, LayerLatencyModel.Device, LayerLatencyModel.Edge), 1e-15);
        Assert.Equal(8e3 / wired, model.TransferSeconds(1e3, LayerLatencyModel.Edge, LayerLatencyModel.Cloud), 1e-15);
        Assert.Equal(8e3 / wired, model.TransferSeconds(1e3, LayerLatencyModel.Cloud, LayerLatencyModel.Edge), 1e-15);
        Assert.Equal(8e3 / model.WirelessBps + 8e3 / wired, model.TransferSeconds(1e3, LayerLatencyModel.Cloud, LayerLatencyModel.Device), 1e-15);
        Assert.Equal(model.ExecutionSeconds(2, LayerLatencyModel.Edge) / model.CloudTier.Speedup, model.ExecutionSeconds(2, LayerLatencyModel.Cloud), 1e-15);
    }

    [Fact]
    public void Waiting_at_the_edge_moves_layers_to_the_device()
    {
        var model = RandomProfiles.Model(2, 8);
        var idle = ExactPlacement.Solve(model);
        Assert.Contains(1, idle.Placement);

        var loaded = ExactPlacement.Solve(model, new EntryWaits(0, 1e3, 0));

        Assert.All(loaded.Placement, node => Assert.Equal(0, node));
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(3, 10)]
    [InlineData(5, 12)]
    public void Edgent_is_the_best_depth_cut_and_never_beats_the_optimum(int seed, int layers)
    {
        var model = RandomProfiles.Model(seed, layers);

        var edgent = EdgentPlacement.Solve(model);

        var depth = Depths(model);
        var bestCut = Enumerable.Range(0, depth.Max() + 2)
            .Min(cut => model.ExpectedSeconds(depth.Select(d => d < cut ? 0 : 1).ToArray()));
        Assert.Equal(bestCut, edgent.ExpectedSeconds, 1e-12);
        Assert.True(edgent.ExpectedSeconds >= ExactPlacement.Solve(model).ExpectedSeconds - 1e-12);
    }

    [Theory]
    [InlineData(21, 8)]
    [InlineData(23, 10)]
    public void With_the_cloud_edgent_is_still_a_device_prefix_and_an_edge_suffix(int seed, int layers)
    {
        var model = RandomProfiles.Model(seed, layers, withCloud: true);
        var plain = RandomProfiles.Model(seed, layers);

        var edgent = EdgentPlacement.Solve(model);

        Assert.DoesNotContain(LayerLatencyModel.Cloud, edgent.Placement);
        Assert.Equal(EdgentPlacement.Solve(plain).Placement, edgent.Placement);
        Assert.True(edgent.ExpectedSeconds >= ExactPlacement.Solve(model).ExpectedSeconds - 1e-12);
    }

    /// <summary>The expected latency when each entry waits (an evaluation by exit, independent of the program).</summary>
    private static double WithWaits(LayerLatencyModel model, int[] placement, EntryWaits waits)
    {
        var total = 0.0;
        for (var k = 0; k < model.Profile.Exits.Count; k++)
        {
            var latency = model.ExitSeconds(placement, k);
            var at = -1;
            foreach (var layer in model.Profile.PathTo(k))
            {
                latency += waits.Entering(at, placement[layer]);
                at = placement[layer];
            }

            latency += waits.Entering(at, 0);
            total += model.Exits.Probabilities[k] * latency;
        }

        return total;
    }

    private static int[] Depths(LayerLatencyModel model)
    {
        var layers = model.Profile.Layers;
        var depth = new int[layers.Count];
        for (var l = 0; l < depth.Length; l++)
        {
            depth[l] = layers[l].Parent < 0 ? 0 : depth[layers[l].Parent] + 1;
        }

        return depth;
    }
}
