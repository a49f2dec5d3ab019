namespace MecActors.Policies.Orchestration;

/// <summary>
/// One MobileNetV1 variant of paper 003's Table 4: its multiply-accumulates, whether it runs in Int8, its top-5 accuracy,
/// and the exit of the scenario's model type that carries that accuracy (exit k: the k-th least accurate variant).
/// </summary>
public sealed record ModelVariant(string Name, double Macs, bool Int8, double Accuracy, int Exit);
