using System.Globalization;
using System.Text;
using MecActors.Core.Configuration;
using MecActors.Core.Models;
using MecActors.Core.Scenarios;

namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// A linear latency model t = x1 X1 + x2 X2 + intercept (ms) of one layer type on one node (paper 001, Table 4.2);
/// X1, X2 the variables of Table 4.1 (a one-variable type has <see cref="X2"/> = 0).
/// </summary>
public readonly record struct LinearLatency(double X1, double X2, double Intercept)
{
    /// <summary>The predicted time in seconds, never below 0 (a regression may dip below it for tiny layers).</summary>
    public double Seconds(double first, double second) => Math.Max(0.0, X1 * first + X2 * second + Intercept) / 1e3;
}

/// <summary>
/// One node's regressions: a model per layer type, model loading and model parsing (Table 4.2); parsing is a term of
/// the device only.
/// </summary>
public sealed record NodeRegressions(IReadOnlyDictionary<LayerType, LinearLatency> Layers, LinearLatency ModelLoading, LinearLatency? ModelParsing)
{
    /// <summary>eq. (4.3): T_Style(l) = f(Style, Var(l)) with the variables of Table 4.1, in seconds.</summary>
    public double LayerSeconds(ProfileLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var model = Layers[layer.Type];
        return layer.Type switch
        {
            LayerType.Convolution => model.Seconds(layer.InputBytes, layer.ConvolutionWork),
            LayerType.Pooling or LayerType.FullyConnected => model.Seconds(layer.InputBytes, layer.OutputBytes),
            _ => model.Seconds(layer.InputBytes, 0.0),
        };
    }
}

/// <summary>
/// Table 4.2-style regressions of the mobile device and the edge server, read from (and written as) a HOCON section
/// <c>{ device { conv { x1, x2, intercept } ... model-loading {...} model-parsing {...} } edge { ... } }</c> in ms and bytes.
/// </summary>
public sealed record LatencyRegressions(NodeRegressions Device, NodeRegressions Edge)
{
    /// <summary>The types with two variables (Table 4.1): the others take the input size alone.</summary>
    public static bool HasTwoVariables(LayerType type) => type is LayerType.Convolution or LayerType.Pooling or LayerType.FullyConnected;

    public const string ModelLoadingKey = "model-loading";
    public const string ModelParsingKey = "model-parsing";

    public static LatencyRegressions Read(Config section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys(["device", "edge"]);
        return new LatencyRegressions(ReadNode(section.GetConfig("device"), parsing: true), ReadNode(section.GetConfig("edge"), parsing: false));
    }

    /// <summary>The device's layer times divided by <paramref name="speedup"/> (parsing and loading kept: no placement changes them).</summary>
    public LatencyRegressions WithFasterDevice(double speedup) =>
        speedup == 1.0
            ? this
            : this with
            {
                Device = Device with
                {
                    Layers = Device.Layers.ToDictionary(l => l.Key, l => new LinearLatency(l.Value.X1 / speedup, l.Value.X2 / speedup, l.Value.Intercept / speedup)),
                },
            };

    /// <summary>The section text <see cref="Read"/> reads back, coefficients in round-trip form.</summary>
    public string ToHocon()
    {
        var text = new StringBuilder();
        WriteNode(text, "device", Device);
        WriteNode(text, "edge", Edge);
        return text.ToString();
    }

    private static NodeRegressions ReadNode(Config node, bool parsing)
    {
        var keys = LayerProfileLoader.TypeNames.Select(t => t.Name).Append(ModelLoadingKey).ToList();
        if (parsing)
        {
            keys.Add(ModelParsingKey);
        }

        node.RejectUnknownKeys(keys);
        var layers = new Dictionary<LayerType, LinearLatency>();
        foreach (var (name, type) in LayerProfileLoader.TypeNames)
        {
            layers[type] = ReadModel(node.GetConfig(name), HasTwoVariables(type));
        }

        var loading = ReadModel(node.GetConfig(ModelLoadingKey), twoVariables: false);
        LinearLatency? parse = parsing ? ReadModel(node.GetConfig(ModelParsingKey), twoVariables: false) : null;
        return new NodeRegressions(layers, loading, parse);
    }

    private static LinearLatency ReadModel(Config model, bool twoVariables)
    {
        model.RejectUnknownKeys(twoVariables ? ["x1", "x2", "intercept"] : ["x1", "intercept"]);
        return new LinearLatency(model.GetDouble("x1"), twoVariables ? model.GetDouble("x2") : 0.0, model.GetDouble("intercept"));
    }

    private static void WriteNode(StringBuilder text, string name, NodeRegressions node)
    {
        text.Append(name).Append(" {\n");
        foreach (var (typeName, type) in LayerProfileLoader.TypeNames)
        {
            WriteModel(text, typeName, node.Layers[type], HasTwoVariables(type));
        }

        WriteModel(text, ModelLoadingKey, node.ModelLoading, twoVariables: false);
        if (node.ModelParsing is { } parsing)
        {
            WriteModel(text, ModelParsingKey, parsing, twoVariables: false);
        }

        text.Append("}\n");
    }

    private static void WriteModel(StringBuilder text, string name, LinearLatency model, bool twoVariables)
    {
        text.Append("  ").Append(name).Append(" { x1 = ").Append(Number(model.X1));
        if (twoVariables)
        {
            text.Append(", x2 = ").Append(Number(model.X2));
        }

        text.Append(", intercept = ").Append(Number(model.Intercept)).Append(" }\n");
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
