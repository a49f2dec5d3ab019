using MecActors.Core.Configuration;
using MecActors.Core.Models;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Models;

public class LayerProfileLoaderTests
{
    private const string Trunk = """
        name = small
        input-bytes = 100
        model-bytes = 1000
        layers = [
          { name = conv1, type = conv, kernel = 3, stride = 1, filters = 4, channels = 1, input-bytes = 100, output-bytes = 400 }
          { name = relu1, type = relu, input-bytes = 400, output-bytes = 400 }
          { name = fc1, type = fc, input-bytes = 400, output-bytes = 40 }
          { name = b-pool, type = pooling, after = conv1, input-bytes = 400, output-bytes = 100 }
          { name = b-fc, type = fc, input-bytes = 100, output-bytes = 40 }
        ]
        exits = [
          { layer = b-fc, accuracy = 0.5 }
          { layer = fc1, accuracy = 0.8 }
        ]
        """;

    private static LayerProfile Parse(string text) => LayerProfileLoader.Read(HoconParser.ParseText(text));

    private static ConfigException Rejects(string text, string key, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(text));
        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void A_profile_is_a_tree_of_chains_with_its_exits_paths()
    {
        var profile = Parse(Trunk);

        Assert.Equal(["conv1", "relu1", "fc1", "b-pool", "b-fc"], profile.Layers.Select(l => l.Name));
        Assert.Equal([0, 3, 4], profile.PathTo(0));
        Assert.Equal([0, 1, 2], profile.PathTo(1));
        Assert.Equal([1, 3], profile.ChildrenOf(0));
        Assert.Equal(36.0, profile.Layers[0].ConvolutionWork);
        Assert.Equal(LayerType.Pooling, profile.Layers[3].Type);
    }

    [Fact]
    public void Layers_listed_before_their_parent_are_put_after_it()
    {
        var layers = Trunk[Trunk.IndexOf("layers", StringComparison.Ordinal)..Trunk.IndexOf("exits", StringComparison.Ordinal)];
        var reordered = Trunk.Replace(layers, """
            layers = [
              { name = conv1, type = conv, kernel = 3, stride = 1, filters = 4, channels = 1, input-bytes = 100, output-bytes = 400 }
              { name = relu1, type = relu, input-bytes = 400, output-bytes = 400 }
              { name = b-fc, type = fc, after = b-pool, input-bytes = 100, output-bytes = 40 }
              { name = fc1, type = fc, after = relu1, input-bytes = 400, output-bytes = 40 }
              { name = b-pool, type = pooling, after = conv1, input-bytes = 400, output-bytes = 100 }
            ]

            """, StringComparison.Ordinal);

        var profile = Parse(reordered);

        Assert.Equal(["conv1", "relu1", "fc1", "b-pool", "b-fc"], profile.Layers.Select(l => l.Name));
        Assert.Equal([0, 3, 4], profile.PathTo(0));
    }

    [Fact]
    public void The_b_alexnet_profile_has_a_main_branch_of_22_layers_and_side_branches_of_7_7_8_and_8()
    {
        var profile = LayerProfileLoader.Load(RepositoryFile("config", "models", "b-alexnet.conf"));

        var main = profile.PathTo(4).Count;
        Assert.Equal(22, main);
        var trunkShared = new[] { 5, 9, 11, 13 };
        for (var k = 0; k < 4; k++)
        {
            Assert.Equal(new[] { 7, 7, 8, 8 }[k], profile.PathTo(k).Count - trunkShared[k]);
        }

        Assert.Equal(22 + 7 + 7 + 8 + 8, profile.Layers.Count);
        Assert.Equal(0.524, profile.Exits[0].Accuracy);
        Assert.Equal(0.784, profile.Exits[^1].Accuracy);
    }

    [Fact]
    public void A_negative_output_size_is_rejected_naming_the_key() =>
        Rejects(Trunk.Replace("input-bytes = 400, output-bytes = 400", "input-bytes = 400, output-bytes = -400", StringComparison.Ordinal), "layers[1].output-bytes", "must be positive");

    [Fact]
    public void An_unknown_layer_type_is_rejected_naming_the_key() =>
        Rejects(Trunk.Replace("type = relu", "type = softplus", StringComparison.Ordinal), "layers[1].type", "unknown value \"softplus\"");

    [Fact]
    public void A_cycle_in_the_branch_tree_is_rejected_naming_the_key() =>
        Rejects(Trunk.Replace("{ name = b-pool, type = pooling, after = conv1", "{ name = b-pool, type = pooling, after = b-fc", StringComparison.Ordinal), "layers[3].after", "cycle");

    [Fact]
    public void An_input_that_is_not_the_parents_output_is_rejected() =>
        Rejects(Trunk.Replace("{ name = fc1, type = fc, input-bytes = 400", "{ name = fc1, type = fc, input-bytes = 300", StringComparison.Ordinal), "layers[2].input-bytes", "outputs 400 bytes");

    [Fact]
    public void A_branch_that_ends_without_an_exit_is_rejected() =>
        Rejects(Trunk.Replace("  { layer = b-fc, accuracy = 0.5 }\n", "", StringComparison.Ordinal), "exits", "\"b-fc\" ends a branch but is no exit");

    [Fact]
    public void Exits_must_be_listed_by_increasing_accuracy() =>
        Rejects(Trunk.Replace("accuracy = 0.8", "accuracy = 0.4", StringComparison.Ordinal), "exits[1].accuracy", "must exceed");

    [Fact]
    public void Shape_parameters_belong_to_convolutions_only() =>
        Rejects(Trunk.Replace("{ name = relu1, type = relu,", "{ name = relu1, type = relu, kernel = 3,", StringComparison.Ordinal), "layers[1].kernel", "not a convolution");

    private static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MecActors.sln")))
            {
                return Path.Combine([dir.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
