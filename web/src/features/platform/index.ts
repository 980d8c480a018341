export { PlatformFacilities } from "./PlatformFacilities";
export { feeWords, usePlatformAdmin } from "./PlatformFee";
