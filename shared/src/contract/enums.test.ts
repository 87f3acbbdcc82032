import { describe, expect, it } from 'vitest';
import { emergencyHardshipTypes, hardshipTypeLabels, hardshipTypes, isEmergencyHardship, urgentNeedLabels, urgentNeeds } from './enums';

describe('contract enums', () => {
  it('lists the 11 hardship types and 7 urgent needs of API.md, in its order', () => {
    expect(hardshipTypes).toEqual([
      'fire', 'traffic_accident', 'sudden_illness', 'natural_disaster', 'crime_victim', 'accident_other',
      'lost_income', 'medical_expense', 'education_expense', 'stranded', 'other',
    ]);
    expect(urgentNeeds).toEqual(['food', 'shelter', 'medical', 'child_care', 'elderly_care', 'safety', 'cash']);
  });

  it('treats exactly the emergency types of RULES.md §8 as emergencies', () => {
    expect(hardshipTypes.filter(isEmergencyHardship)).toEqual([...emergencyHardshipTypes]);
    expect(isEmergencyHardship('lost_income')).toBe(false);
    expect(isEmergencyHardship('stranded')).toBe(true);
  });

  it('has a Chinese label for every hardship type and need', () => {
    for (const t of hardshipTypes) expect(hardshipTypeLabels[t]).toMatch(/[\u4e00-\u9fff]/);
    for (const n of urgentNeeds) expect(urgentNeedLabels[n]).toMatch(/[\u4e00-\u9fff]/);
  });
});
