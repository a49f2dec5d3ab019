namespace MecActors.Policies.Learning.JointA2C;

/// <summary>One update of a learning agent: the last slot it covered, the mean reward of its steps, and its losses.</summary>
public readonly record struct TrainingPoint(int Slot, double Reward, double PolicyLoss, double ValueLoss, double Entropy);
