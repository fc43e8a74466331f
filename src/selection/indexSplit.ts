/**
 * A partition of the rows `0 … n−1` into training and test rows. Both arrays are sorted in
 * increasing order and together hold every row exactly once.
 */
export interface IndexSplit {
  readonly trainIndex: Int32Array;
  readonly testIndex: Int32Array;
}

/**
 * The split in which the test rows are those whose `group` equals `testGroup`
 * (a fold number, or 1 for "test" in a train/test split).
 */
export function indexSplit(group: Int32Array, testGroup: number): IndexSplit {
  let nTest = 0;
  for (let i = 0; i < group.length; i++) if (group[i] === testGroup) nTest++;
  const testIndex = new Int32Array(nTest);
  const trainIndex = new Int32Array(group.length - nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < group.length; i++) {
    if (group[i] === testGroup) testIndex[a++] = i;
    else trainIndex[b++] = i;
  }
  return { trainIndex, testIndex };
}
