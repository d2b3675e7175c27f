; linkproof solver query 4: core-trial
; answer: sat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun |action#exact| () Int)
(declare-fun |resource#exact| () Int)
(declare-fun principal () Int)
(declare-fun |goal#0| () Bool)
(declare-fun |resource#0| () Bool)
(declare-fun |action#0| () Bool)
(declare-fun |goal#1| () Bool)
(declare-fun |why-mine#1| () Bool)
(declare-fun |why-other#0| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (let (($x31 (>= |action#exact| 1)))
 (not $x31)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (let (($x48 (>= |resource#exact| 0)))
 (not $x48)))
(assert
 (>= principal 0))
(assert
 (let (($x61 (>= principal 1)))
 (not $x61)))
(assert
 (let (($x44 (= |resource#exact| (- 1))))
 (let (($x85 (not |goal#0|)))
 (or $x85 $x44))))
(assert
 (let (($x85 (not |goal#0|)))
 (or $x85 |resource#0|)))
(assert
 (let (($x34 (= |action#exact| 0)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x75 (ite $x10 |action#0| $x34)))
 (let (($x85 (not |goal#0|)))
 (or $x85 $x75))))))
(assert
 (let (($x34 (= |action#exact| 0)))
 (let (($x77 (not $x34)))
 (let (($x29 (not |resource#0|)))
 (let (($x44 (= |resource#exact| (- 1))))
 (let (($x28 (not $x44)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x43 (or $x10 $x28 $x29 $x77)))
 (let (($x46 (not $x43)))
 (let (($x75 (ite $x10 |action#0| $x34)))
 (let (($x45 (not $x75)))
 (let (($x79 (or $x28 $x29 $x45 $x46)))
 (let (($x85 (not |goal#0|)))
 (or $x85 $x79))))))))))))))
(assert
 (let (($x44 (= |resource#exact| (- 1))))
 (let (($x96 (not |goal#1|)))
 (or $x96 $x44))))
(assert
 (let (($x96 (not |goal#1|)))
 (or $x96 |resource#0|)))
(assert
 (let (($x34 (= |action#exact| 0)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x75 (ite $x10 |action#0| $x34)))
 (let (($x96 (not |goal#1|)))
 (or $x96 $x75))))))
(assert
 (let (($x34 (= |action#exact| 0)))
 (let (($x77 (not $x34)))
 (let (($x29 (not |resource#0|)))
 (let (($x44 (= |resource#exact| (- 1))))
 (let (($x28 (not $x44)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x43 (or $x10 $x28 $x29 $x77)))
 (let (($x96 (not |goal#1|)))
 (or $x96 $x43))))))))))
(assert
 (let (($x34 (= |action#exact| 0)))
 (let (($x10 (= |action#exact| (- 1))))
 (let (($x75 (ite $x10 |action#0| $x34)))
 (let (($x45 (not $x75)))
 (let (($x29 (not |resource#0|)))
 (let (($x44 (= |resource#exact| (- 1))))
 (let (($x28 (not $x44)))
 (let (($x83 (or $x28 $x29 $x45)))
 (let (($x96 (not |goal#1|)))
 (or $x96 $x83)))))))))))
(assert
 (or (not (= |action#exact| (- 1))) |action#0|))
(assert
 (let (($x34 (= |action#exact| 0)))
 (let (($x10 (= |action#exact| (- 1))))
 (or $x10 $x34))))
(assert
 (= |resource#exact| (- 1)))
(assert
 |resource#0|)
(assert
 (let (($x109 (not |why-mine#1|)))
 (let (($x34 (= |action#exact| 0)))
 (let (($x77 (not $x34)))
 (let (($x10 (= |action#exact| (- 1))))
 (or $x10 $x77 $x109))))))
(assert
 (not |why-other#0|))
(check-sat)
