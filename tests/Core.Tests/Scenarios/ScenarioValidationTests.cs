using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

public class ScenarioValidationTests
{
    private const string TinyModels = """
        { types = [
            { name = a, size-mb = 300, blocks = [ { gigacycles = 0.2, accuracy = 0.6 }, { gigacycles = 0.2, accuracy = 0.7 } ] }
          ] }
        """;

    private static readonly Config Joint = ScenarioFiles.JointCachingConfig();

    private static ConfigException Rejects(string path, string value, string expectedKey, string problemPart)
    {
        var config = Joint.WithOverride(path, value);
        var error = Assert.Throws<ConfigException>(() => ScenarioFiles.Load(config));
        Assert.Equal(expectedKey, error.Key);
        Assert.Contains(problemPart, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(expectedKey + ":", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Negative_storage_is_rejected()
    {
        Rejects("edges.storage-gb", "-1", "edges.storage-gb", "must be positive, got -1");
    }

    [Fact]
    public void Storage_smaller_than_the_smallest_model_is_rejected_naming_the_model_size()
    {
        var smallestMb = ScenarioFiles.Load(Joint).Models.SmallestSizeBits / 8e6;

        var error = Rejects("edges.storage-gb", "0.1", "edges.storage-gb", "smaller than the smallest model");

        Assert.Contains($"{smallestMb:G6} MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_small_storage_in_an_override_names_the_override()
    {
        Rejects("edges.overrides", "[ { id = 2, storage-gb = 0.1 } ]", "edges.overrides[0].storage-gb", "smaller than the smallest model");
    }

    [Fact]
    public void Missing_capacity_is_rejected()
    {
        Rejects("edges", "{ count = 3, storage-gb = 8, cores = 4, bandwidth-mhz = 20 }", "edges.capacity-ghz", "missing required key");
    }

    [Theory]
    [InlineData("edges.capacity-ghz", "-20")]
    [InlineData("edges.capacity-ghz", "0")]
    [InlineData("edges.bandwidth-mhz", "0")]
    [InlineData("edges.cores", "0")]
    [InlineData("edges.count", "0")]
    [InlineData("devices.count", "0")]
    [InlineData("network.fiber-gbps", "-1")]
    [InlineData("network.backhaul-gbps", "0")]
    [InlineData("radio.tx-power-w", "0")]
    [InlineData("workload.deadline-ms", "0")]
    [InlineData("slot-ms", "0")]
    [InlineData("slots", "-5")]
    [InlineData("models.generate.count", "0")]
    public void Non_positive_capacities_rates_and_counts_are_rejected(string key, string value)
    {
        Rejects(key, value, key, "must be");
    }

    [Theory]
    [InlineData("{ count = 30, assignment = per-edge, per-edge = [15, 10] }", "devices.per-edge", "one device count per edge (edges.count = 3), got 2")]
    [InlineData("{ count = 30, assignment = per-edge, per-edge = [15, 10, 6] }", "devices.per-edge", "sum to 31, but devices.count is 30")]
    [InlineData("{ count = 30, assignment = per-edge, per-edge = [30, 0, 0] }", "devices.per-edge[1]", "must be a positive integer, got 0")]
    [InlineData("{ count = 30, assignment = round-robin, per-edge = [15, 10, 5] }", "devices.per-edge", "only with assignment = per-edge")]
    [InlineData("{ count = 30, assignment = per-edge }", "devices.per-edge", "missing required key")]
    public void A_bad_per_edge_split_is_rejected(string devices, string key, string problem)
    {
        Rejects("devices", devices, key, problem);
    }

    [Fact]
    public void A_per_edge_split_places_consecutive_blocks_of_devices()
    {
        var scenario = ScenarioFiles.Load(Joint.WithOverride("devices", "{ count = 30, assignment = per-edge, per-edge = [15, 10, 5] }"));

        Assert.Equal([15, 10, 5], Enumerable.Range(0, 3).Select(scenario.DevicesInCell));
        Assert.Equal(0, scenario.LocalEdgeOf(14));
        Assert.Equal(1, scenario.LocalEdgeOf(15));
        Assert.Equal(2, scenario.LocalEdgeOf(29));
    }

    [Fact]
    public void Wrong_type_is_rejected()
    {
        Rejects("edges.capacity-ghz", "fast", "edges.capacity-ghz", "expected a number, got \"fast\"");
    }

    [Fact]
    public void Unknown_policy_is_rejected_listing_the_known_ones()
    {
        var error = Rejects("policies", "[greedy, a3c]", "policies[1]", "unknown policy \"a3c\"");

        Assert.Contains("random-decisions, random-caching, local-edge, no-early-exit, greedy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_or_repeated_policies_are_rejected()
    {
        Rejects("policies", "[]", "policies", "at least one policy");
        Rejects("policies", "[greedy, greedy]", "policies[1]", "more than once");
    }

    [Fact]
    public void Unknown_link_discipline_is_rejected_listing_the_valid_ones()
    {
        Rejects("disciplines.fiber", "teleport", "disciplines.fiber", "expected one of: dedicated, fifo, shared");
    }

    [Fact]
    public void Unknown_compute_discipline_is_rejected_listing_the_valid_ones()
    {
        Rejects("disciplines.edge", "lottery", "disciplines.edge", "expected one of: equal-share-per-slot, fifo, processor-sharing");
    }

    [Fact]
    public void Unknown_topology_kind_is_rejected()
    {
        Rejects("topology.kind", "star", "topology.kind", "expected one of: line, ring, full-mesh, adjacency");
    }

    [Fact]
    public void Adjacency_rows_out_of_range_are_rejected()
    {
        Rejects("topology", "{ kind = adjacency, adjacency = [[1], [0, 3], [1]] }", "topology.adjacency[1]", "names edge 3, outside 0..2");
    }

    [Fact]
    public void Adjacency_with_the_wrong_number_of_rows_is_rejected()
    {
        Rejects("topology", "{ kind = adjacency, adjacency = [[1], [0]] }", "topology.adjacency", "has 2 rows for 3 edges");
    }

    [Fact]
    public void Disconnected_adjacency_is_rejected()
    {
        Rejects("topology", "{ kind = adjacency, adjacency = [[1], [0], []] }", "topology.adjacency", "not reachable");
    }

    [Fact]
    public void Adjacency_lists_with_another_kind_are_rejected()
    {
        Rejects("topology.adjacency", "[[1], [0, 2], [1]]", "topology.adjacency", "only with kind = adjacency");
    }

    [Fact]
    public void Non_increasing_accuracies_are_rejected()
    {
        Rejects(
            "models",
            "{ types = [ { name = a, size-mb = 300, blocks = [ { gigacycles = 0.2, accuracy = 0.7 }, { gigacycles = 0.2, accuracy = 0.7 } ] } ] }",
            "models.types[0].blocks[1].accuracy",
            "strictly increase");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.2")]
    public void Accuracy_outside_zero_one_is_rejected(string accuracy)
    {
        Rejects(
            "models",
            $"{{ types = [ {{ name = a, size-mb = 300, blocks = [ {{ gigacycles = 0.2, accuracy = {accuracy} }} ] }} ] }}",
            "models.types[0].blocks[0].accuracy",
            "must lie in (0, 1]");
    }

    [Fact]
    public void Non_positive_block_computation_is_rejected()
    {
        Rejects(
            "models",
            "{ types = [ { name = a, size-mb = 300, blocks = [ { gigacycles = 0, accuracy = 0.5 } ] } ] }",
            "models.types[0].blocks[0].gigacycles",
            "must be positive");
    }

    [Fact]
    public void Explicit_catalog_replaces_the_generated_one()
    {
        var spec = ScenarioFiles.Load(Joint.WithOverride("models", TinyModels));

        Assert.Equal(1, spec.Models.Count);
        Assert.Equal(2400e6, spec.Models[0].SizeBits);
    }

    [Fact]
    public void Both_or_neither_catalog_form_is_rejected()
    {
        Rejects("models.types", "[ { name = a, size-mb = 300, blocks = [ { gigacycles = 0.2, accuracy = 0.6 } ] } ]", "models", "not both");
        Rejects("models", "{ }", "models", "exactly one of");
    }

    [Fact]
    public void Min_above_max_in_a_range_is_rejected()
    {
        Rejects("workload.input-mb", "[1.0, 0.5]", "workload.input-mb", "min 1 is greater than max 0.5");
        Rejects("models.generate.exits", "[5, 3]", "models.generate.exits", "min 5 is greater than max 3");
        Rejects("radio.distance-m", "[0, 200]", "radio.distance-m[0]", "must be positive");
    }

    [Fact]
    public void Overlapping_accuracy_ranges_are_rejected()
    {
        Rejects("models.generate.final-accuracy", "[0.55, 0.9]", "models.generate.final-accuracy", "must exceed first-exit-accuracy max 0.6");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    public void A_non_positive_accuracy_curve_is_rejected(string curve)
    {
        Rejects("models.generate.accuracy-curve", curve, "models.generate.accuracy-curve", "must be positive");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    public void Task_probability_outside_zero_one_is_rejected(string probability)
    {
        Rejects("workload.task-probability", probability, "workload.task-probability", "must lie in (0, 1]");
    }

    [Fact]
    public void Negative_zipf_exponent_is_rejected()
    {
        Rejects("workload.zipf-exponent", "-0.1", "workload.zipf-exponent", "must not be negative");
    }

    [Fact]
    public void Unknown_device_assignment_is_rejected()
    {
        Rejects("devices.assignment", "random", "devices.assignment", "expected one of: round-robin, block");
    }

    [Fact]
    public void Override_of_a_missing_edge_is_rejected()
    {
        Rejects("edges.overrides", "[ { id = 3, capacity-ghz = 10 } ]", "edges.overrides[0].id", "ids run from 0 to 2");
    }

    [Fact]
    public void Misspelt_key_in_a_section_is_rejected()
    {
        Rejects("edges.capacity-ghs", "10", "edges.capacity-ghs", "unknown key");
    }

    [Fact]
    public void Objective_with_both_weights_zero_is_rejected()
    {
        Rejects("objective", "{ alpha-per-s = 0, beta = 0 }", "objective", "both 0");
    }
}
