import { Button } from "./button.js";
import { Props } from "./props.js";
import { helper } from "./helper.js";

export function View(props: Props) {
  return <Button label={String(props)} />;
}
