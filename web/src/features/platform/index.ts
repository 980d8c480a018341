export { PlatformFacilities } from "./PlatformFacilities";
export { feeWords } from "./PlatformFee";
