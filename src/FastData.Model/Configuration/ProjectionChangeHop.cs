namespace FastData.Model.Configuration;

/// <summary>One hop of an override path: the ER condition and whether it is walked backwards.</summary>
/// <param name="Condition">The condition relating the two projections.</param>
/// <param name="Reverse">True when the condition is declared from the next projection to this one.</param>
public sealed record ProjectionChangeHop(ErCondition Condition, bool Reverse);
