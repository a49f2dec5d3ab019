namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Result of <see cref="CategoricalHeads.PolicyGradient"/>: the loss value and, for monitoring,
/// the batch means of the joint log-probability of the taken actions and of the joint entropy.
/// </summary>
public readonly record struct PolicyLoss(double Loss, double MeanLogProbability, double MeanEntropy);
